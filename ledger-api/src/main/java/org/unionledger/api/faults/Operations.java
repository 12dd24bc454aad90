package org.unionledger.api.faults;

import java.time.LocalDate;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.unionledger.api.faults.MoneyCommand.Kind;

/**
 * The operation kinds the generator can drive, each enabled only when the ledger serves its
 * endpoint (read from the OpenAPI document): contributions always; reservations, disbursements,
 * releases and allocations as their endpoints land. The bodies follow the controllers:
 * {@code FundController}, {@code FundPayoutController}, {@code AllocationController}, {@code OrgController}.
 */
final class Operations {

    static final String RESERVATIONS = "/funds/{fundId}/reservations";
    static final String DISBURSEMENTS = "/funds/{fundId}/reservations/{reservationId}/disbursements";
    static final String RELEASES = "/funds/{fundId}/reservations/{reservationId}/releases";
    static final String ALLOCATIONS = "/allocations";
    static final String ORGS = "/orgs";

    final boolean reservations;
    final boolean disbursements;
    final boolean releases;
    /** Allocations need the organisation tree (they must go down it), so both endpoints. */
    final boolean allocations;

    Operations(Set<String> paths) {
        reservations = paths.contains(RESERVATIONS);
        disbursements = reservations && paths.contains(DISBURSEMENTS);
        releases = reservations && paths.contains(RELEASES);
        allocations = paths.contains(ALLOCATIONS) && paths.contains(ORGS);
    }

    String describe() {
        return "contributions" + (reservations ? ", reservations" : "") + (disbursements ? ", disbursements" : "")
                + (releases ? ", releases" : "") + (allocations ? ", allocations" : "");
    }

    /** POST /orgs (OrgRegistrations.RegisterOrgRequest); a city federation has no parent. */
    MoneyCommand registerOrg(String orgId, String level, String parentOrgId) {
        ObjectNode body = LedgerClient.JSON.createObjectNode()
                .put("orgId", orgId).put("name", "Fault harness " + orgId).put("level", level);
        if (parentOrgId != null) {
            body.put("parentOrgId", parentOrgId);
        }
        return new MoneyCommand(Kind.OPEN_ORG, orgId, orgId, 0, ORGS, body);
    }

    /** POST /allocations (AllocationController.AllocationRequest): answered 202, settles asynchronously. */
    MoneyCommand allocation(String sourceFundId, String targetFundId, String allocationId, long amountFen) {
        ObjectNode body = LedgerClient.JSON.createObjectNode()
                .put("allocationId", allocationId).put("sourceFundId", sourceFundId).put("targetFundId", targetFundId)
                .put("amountFen", amountFen).put("memo", "faults");
        return new MoneyCommand(Kind.ALLOCATION, sourceFundId, allocationId, amountFen, ALLOCATIONS, body,
                targetFundId);
    }

    MoneyCommand openFund(String fundId, String orgId) {
        ObjectNode body = LedgerClient.JSON.createObjectNode()
                .put("fundId", fundId).put("orgId", orgId).put("name", "Fault harness fund " + fundId)
                .put("fundType", "GENERAL");
        return new MoneyCommand(Kind.OPEN_FUND, fundId, fundId, 0, "/funds", body);
    }

    MoneyCommand contribution(String fundId, String contributionId, long amountFen) {
        ObjectNode body = LedgerClient.JSON.createObjectNode()
                .put("contributionId", contributionId).put("amountFen", amountFen).put("payerType", "MEMBER")
                .put("channel", "faults").put("effectiveDate", LocalDate.of(2026, 1, 15).toString());
        return new MoneyCommand(Kind.CONTRIBUTION, fundId, contributionId, amountFen,
                "/funds/" + fundId + "/contributions", body);
    }

    MoneyCommand reservation(String fundId, String reservationId, long amountFen) {
        ObjectNode body = LedgerClient.JSON.createObjectNode()
                .put("reservationId", reservationId).put("amountFen", amountFen).put("purpose", "OTHER")
                .put("reference", "faults");
        return new MoneyCommand(Kind.RESERVATION, fundId, reservationId, amountFen,
                "/funds/" + fundId + "/reservations", body);
    }

    MoneyCommand disbursement(MoneyCommand reservation) {
        ObjectNode body = LedgerClient.JSON.createObjectNode()
                .put("paymentReference", "bank-" + reservation.id()).put("paidOn", LocalDate.of(2026, 1, 20).toString());
        return new MoneyCommand(Kind.DISBURSEMENT, reservation.fundId(), reservation.id(), reservation.amountFen(),
                "/funds/" + reservation.fundId() + "/reservations/" + reservation.id() + "/disbursements", body);
    }

    MoneyCommand release(MoneyCommand reservation) {
        ObjectNode body = LedgerClient.JSON.createObjectNode().put("reason", "fault harness release");
        return new MoneyCommand(Kind.RELEASE, reservation.fundId(), reservation.id(), reservation.amountFen(),
                "/funds/" + reservation.fundId() + "/reservations/" + reservation.id() + "/releases", body);
    }
}
