package org.unionledger.api.security;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.unionledger.api.web.NotFound;
import org.unionledger.projections.fund.FundBalanceQuery;
import org.unionledger.projections.fund.FundBalanceView;
import org.unionledger.projections.org.OrgInSubtreeQuery;

/**
 * Organisation scoping of every object a request touches (OWASP API1: broken object level
 * authorization). A user belongs to an organisation; ADMIN and users of the root organisation
 * (ledger.security.root-org-id, the city federation) see everything, anyone else only their
 * organisation and the organisations below it; a MEMBER sees only their own member data.
 *
 * <p>An object outside the caller's scope is answered exactly like an object that does not exist:
 * 404 with the same code ({@link NotFound}). So a district officer cannot even learn that another
 * district's fund, case or program exists. An organisation named in a request body outside the
 * caller's scope (open a fund for another district) is 403 ORG_MUST_BE_IN_SCOPE: the caller chose it.
 */
@Component
public class ScopeGuard {

    private final QueryGateway queries;
    private final SecurityProperties properties;

    ScopeGuard(QueryGateway queries, SecurityProperties properties) {
        this.queries = queries;
        this.properties = properties;
    }

    /** True when the caller is not limited to a subtree. */
    public boolean seesAll() {
        return seesAll(CurrentActor.get());
    }

    boolean seesAll(Actor actor) {
        return actor == Actor.SYSTEM || actor.hasRole(Roles.ADMIN)
                || (actor.orgId() != null && actor.orgId().equals(properties.rootOrgId()));
    }

    /** Whole-ledger reports (journal, trial balance, exports): only for callers who see the whole tree. */
    public void requireWholeTree() {
        if (!seesAll()) {
            throw new AccessDeniedException("whole-ledger reports are for users of the root organisation");
        }
    }

    /** Is an object of orgId inside the caller's scope? Unknown orgs are outside (unless the caller sees all). */
    public boolean inScope(String orgId) {
        Actor actor = CurrentActor.get();
        if (seesAll(actor)) {
            return true;
        }
        if (orgId == null || actor.orgId() == null) {
            return false;
        }
        if (orgId.equals(actor.orgId())) {
            return true;
        }
        return Boolean.TRUE.equals(queries.query(new OrgInSubtreeQuery(orgId, actor.orgId()),
                ResponseTypes.instanceOf(Boolean.class)).join());
    }

    /** An existing object of orgId: outside the scope it does not exist for the caller (404 with code). */
    public void requireObject(String orgId, String notFoundCode, String notFoundMessage) {
        if (!inScope(orgId)) {
            throw new NotFound(notFoundCode, notFoundMessage);
        }
    }

    /** An organisation the caller names in a request (the owner of a new object): 403 outside the scope. */
    public void requireNamedOrg(String orgId) {
        if (orgId != null && !inScope(orgId)) {
            throw new AccessDeniedException("organisation " + orgId + " is outside your organisation's subtree");
        }
    }

    /**
     * The organisation a list or statistics request is about: the caller's own when they asked for none
     * and are limited to a subtree; 404 when they asked for one outside it.
     */
    public String orgFilter(String requestedOrgId, String notFoundCode) {
        Actor actor = CurrentActor.get();
        if (seesAll(actor)) {
            return requestedOrgId;
        }
        if (requestedOrgId == null) {
            if (actor.orgId() == null) {
                throw new AccessDeniedException("you belong to no organisation");
            }
            return actor.orgId();
        }
        requireObject(requestedOrgId, notFoundCode, "no organisation " + requestedOrgId);
        return requestedOrgId;
    }

    /** A fund the request touches: 404 FUND_MUST_EXIST if it is unknown or outside the caller's scope. */
    public void requireFund(String fundId) {
        if (seesAll()) {
            return;
        }
        requireObject(fundOrg(fundId), "FUND_MUST_EXIST", "no fund " + fundId);
    }

    /** The organisation owning a fund, or null when the read model does not know the fund. */
    public String fundOrg(String fundId) {
        FundBalanceView view = queries.query(new FundBalanceQuery(fundId),
                ResponseTypes.instanceOf(FundBalanceView.class)).join();
        return view == null ? null : view.orgId();
    }

    /**
     * Member data: staff within scope of the member's organisation, or the member themself. Members
     * never see another member (404, like an unknown member).
     */
    public void requireMember(String memberId, String memberOrgId) {
        Actor actor = CurrentActor.get();
        boolean staff = actor.roles().stream().anyMatch(role -> !role.equals(Roles.MEMBER));
        if (staff ? inScope(memberOrgId) : memberId.equals(actor.memberId())) {
            return;
        }
        throw new NotFound("MEMBER_MUST_EXIST", "no member " + memberId);
    }
}
