package org.unionledger.api.org;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.unionledger.api.security.Roles;
import org.unionledger.api.security.ScopeGuard;
import org.springframework.security.access.AccessDeniedException;
import org.unionledger.api.web.NotFound;
import org.unionledger.projections.org.OrgSubtreeQuery;
import org.unionledger.projections.org.OrgSubtreeView;
import org.unionledger.projections.org.OrgView;

/** The organisation tree: register an organisation, read it and its subtree. */
@RestController
@RequestMapping("/orgs")
@Tag(name = "Organisations")
class OrgController {

    /** Who may change the organisation tree. */
    static final String MANAGE_ORGS = "hasAnyRole('ADMIN','FINANCE_OFFICER')";

    private final OrgRegistrations registrations;
    private final QueryGateway queries;
    private final ScopeGuard scope;

    OrgController(OrgRegistrations registrations, QueryGateway queries, ScopeGuard scope) {
        this.scope = scope;
        this.registrations = registrations;
        this.queries = queries;
    }

    @PostMapping
    @PreAuthorize(MANAGE_ORGS)
    @Operation(summary = "Register an organisation under its parent (a city federation has none); "
            + "a child's level must be below its parent's")
    ResponseEntity<OrgRegistrations.RegisterOrgRequest> register(
            @Valid @RequestBody OrgRegistrations.RegisterOrgRequest request) {
        if (request.parentOrgId() == null && !scope.seesAll()) {
            throw new AccessDeniedException("only users of the root organisation register a root");
        }
        scope.requireNamedOrg(request.parentOrgId());
        var outcome = registrations.register(request, null);
        return ResponseEntity.created(URI.create("/orgs/" + request.orgId()))
                .header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
                .body(request);
    }

    @GetMapping("/{orgId}")
    @PreAuthorize(Roles.READ_FUNDS)
    @Operation(summary = "An organisation with its level, parent and path from the root")
    OrgView organisation(@PathVariable String orgId) {
        OrgView view = registrations.find(orgId);
        if (view == null || !scope.inScope(orgId)) {
            throw new NotFound("ORG_MUST_EXIST", "no organisation " + orgId);
        }
        return view;
    }

    @GetMapping("/{orgId}/subtree")
    @PreAuthorize(Roles.READ_FUNDS)
    @Operation(summary = "An organisation and every organisation below it, root first")
    OrgSubtreeView subtree(@PathVariable String orgId,
                           @RequestParam(defaultValue = "1000") int limit) {
        scope.requireObject(orgId, "ORG_MUST_EXIST", "no organisation " + orgId);
        OrgSubtreeView view = queries.query(new OrgSubtreeQuery(orgId, limit),
                ResponseTypes.instanceOf(OrgSubtreeView.class)).join();
        if (view == null) {
            throw new NotFound("ORG_MUST_EXIST", "no organisation " + orgId);
        }
        return view;
    }
}
