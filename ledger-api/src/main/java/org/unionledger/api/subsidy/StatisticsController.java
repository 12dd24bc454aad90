package org.unionledger.api.subsidy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.unionledger.api.security.Roles;
import org.unionledger.api.security.ScopeGuard;
import org.unionledger.api.web.NotFound;
import org.unionledger.projections.subsidy.GrassrootsShareQuery;
import org.unionledger.projections.subsidy.GrassrootsShareView;
import org.unionledger.projections.subsidy.LeverageQuery;
import org.unionledger.projections.subsidy.LeverageView;

/** Statistics the unions report: leverage of union money, and the share reaching the grassroots. */
@RestController
@RequestMapping("/statistics")
@Tag(name = "Statistics")
class StatisticsController {

    private final QueryGateway queries;
    private final ScopeGuard scope;

    StatisticsController(QueryGateway queries, ScopeGuard scope) {
        this.scope = scope;
        this.queries = queries;
    }

    @GetMapping("/leverage")
    @PreAuthorize(Roles.READ_FUNDS)
    @Operation(summary = "Matching money (government, enterprise, donor) over union money in the subsidy programs "
            + "of orgId and every organisation below it (all programs without orgId)")
    LeverageView leverage(@RequestParam(required = false) String orgId) {
        orgId = scope.orgFilter(orgId, "ORG_MUST_EXIST");
        LeverageView view = queries.query(new LeverageQuery(orgId), ResponseTypes.instanceOf(LeverageView.class))
                .join();
        if (view == null) {
            throw new NotFound("ORG_MUST_EXIST", "no organisation " + orgId);
        }
        return view;
    }

    @GetMapping("/grassroots-share")
    @PreAuthorize(Roles.READ_FUNDS)
    @Operation(summary = "Of the money spent or allocated by organisations above the grassroots (orgId and below), "
            + "the share that reached grassroots unions and enterprises (docs/subsidy.md)")
    GrassrootsShareView grassrootsShare(@RequestParam(required = false) String orgId) {
        orgId = scope.orgFilter(orgId, "ORG_MUST_EXIST");
        GrassrootsShareView view = queries.query(new GrassrootsShareQuery(orgId),
                ResponseTypes.instanceOf(GrassrootsShareView.class)).join();
        if (view == null) {
            throw new NotFound("ORG_MUST_EXIST", "no organisation " + orgId);
        }
        return view;
    }
}
