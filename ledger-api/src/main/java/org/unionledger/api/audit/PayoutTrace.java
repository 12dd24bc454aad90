package org.unionledger.api.audit;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Everything an auditor asks about one payout: how the money reached the payee and who decided.
 *
 * @param reservationId     the payout (a fund reservation)
 * @param status            HELD, DISBURSED, RELEASED or RETURNED
 * @param fund              the fund the money left
 * @param amountFen         the amount held and paid
 * @param purpose           what the money was for (CLAIM_PAYOUT, HARDSHIP_GRANT, ...)
 * @param reference         the claim, grant or allocation it was for (an aggregate id)
 * @param paymentReference  the bank's payment reference, once disbursed
 * @param bankStatementLine the matched bank statement line, or null when not (yet) reconciled
 * @param payoutEvents      the fund's events of this reservation: reserved, disbursed, released, returned
 * @param subject           the claim or grant paid, found by the reservation's purpose (see {@link Subject})
 * @param relatedEvents     the claim's or grant's own events (see {@link Subject}) and every event sharing a
 *                          correlation id with those or with the payout events, in global order
 * @param documents         document hashes found in the related events
 * @param decisions         every event above as a decision: who, role, when, why
 * @param funding           the money that made the payout possible, under the stated lineage rule
 */
public record PayoutTrace(String reservationId, String status, Fund fund, long amountFen, String purpose,
                          String reference, String paymentReference, String paidOn,
                          BankStatementLines.BankStatementLine bankStatementLine,
                          List<TracedEvent> payoutEvents, Subject subject, List<TracedEvent> relatedEvents,
                          List<Document> documents, List<Decision> decisions, Funding funding) {

    public record Fund(String fundId, String orgId, String name, String fundType) {
    }

    /**
     * The claim or grant a payout was for, found by an explicit rule per reservation purpose:
     * CLAIM_PAYOUT: the claim aggregate, id = reference (or the reservation id "claim:{claimId}[:{attempt}]");
     * HARDSHIP_GRANT: the case aggregate, reference "{caseId}/{grantId}", with the case's own events and this
     * grant's events (other grants of the case left out); SUBSIDY_GRANT: the program aggregate, id = reference
     * (or from the grant id "sub:{programId}:{memberId}"), with the program's launch and this grant's events;
     * any other purpose: the aggregate whose id is the reference.
     *
     * @param kind        CLAIM, HARDSHIP_GRANT, SUBSIDY_GRANT or OTHER
     * @param aggregateId the claim, case or program aggregate
     * @param itemId      the claim id, the grant id within the case, or the subsidy grant id
     * @param memberId    the member paid (an opaque id), when the events name one
     * @param rule        how the subject was found, in words
     */
    public record Subject(String kind, String aggregateId, String itemId, String memberId, String rule) {
    }

    /**
     * One stored event with its place in the hash chain.
     *
     * @param chainPosition null when the event is not chained yet (the chain lags by a moment)
     */
    public record TracedEvent(long globalIndex, String eventType, String aggregateId, long sequenceNumber,
                              String eventId, String timestamp, JsonNode payload, Who who, Long chainPosition,
                              String chainHash) {
    }

    /** Who caused an event, from its metadata. */
    public record Who(String principal, String roles, String orgId, String correlationId, String causationId,
                      String idempotencyKey) {
    }

    /**
     * One event as a decision.
     *
     * @param at          when it was recorded (the event's timestamp)
     * @param principal   who sent the command (metadata); a process manager's command names the policy
     * @param recordedBy  the person the event itself names (submittedBy, approvedBy, checkedBy, ...), if any
     * @param effectiveOn the business date the event names (approvedOn, checkedOn, paidOn, ...), if any
     * @param summary     what was decided, in words (e.g. "approved: first of two approvals")
     */
    public record Decision(long globalIndex, String eventType, String aggregateId, String at, String principal,
                           String roles, String orgId, String reason, String correlationId, String causationId,
                           String idempotencyKey, String recordedBy, String effectiveOn, String summary,
                           Long chainPosition) {
    }

    /**
     * A document's fingerprint recorded in an event: a field named like *sha256* or *hash*, or a
     * certificate number (hardship cases record certificates, not files).
     */
    public record Document(long globalIndex, String eventType, String field, String value) {
    }

    /**
     * @param rule       the lineage rule, in words
     * @param sources    the money attributed to this payout, oldest first
     * @param attributedFen the sum attributed (equals the amount unless the fund's history is incomplete)
     */
    public record Funding(String rule, List<FundingSource> sources, long attributedFen) {
    }

    /**
     * @param eventType        ContributionRecorded, or AllocationReceived for money allocated from another fund
     * @param sourceId         the contribution id or the allocation id
     * @param amountFen        the whole inflow
     * @param attributedFen    the part of it attributed to this payout
     * @param sourceFundId     for an allocation: the fund the money came from
     * @param allocationEvents for an allocation: its events on both funds (FundsReserved ALLOCATION and
     *                         AllocationSent on the source, AllocationAccepted on this fund), in global order
     * @param upstream         for an allocation: the same FIFO lineage of the allocation's reservation on the
     *                         source fund (up to a few levels of allocations), or null
     */
    public record FundingSource(long globalIndex, String eventType, String eventId, String sourceId, String payerType,
                                String channel, String effectiveDate, long amountFen, long attributedFen,
                                Long chainPosition, String chainHash, String sourceFundId,
                                List<TracedEvent> allocationEvents, Funding upstream) {
    }
}
