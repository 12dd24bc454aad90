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
 * @param relatedEvents     the claim's or grant's events (aggregate id = reference) and every event
 *                          sharing a correlation id with those, in global order
 * @param documents         document hashes found in the related events
 * @param decisions         every event above as a decision: who, role, when, why
 * @param funding           the money that made the payout possible, under the stated lineage rule
 */
public record PayoutTrace(String reservationId, String status, Fund fund, long amountFen, String purpose,
                          String reference, String paymentReference, String paidOn,
                          BankStatementLines.BankStatementLine bankStatementLine,
                          List<TracedEvent> payoutEvents, List<TracedEvent> relatedEvents,
                          List<Document> documents, List<Decision> decisions, Funding funding) {

    public record Fund(String fundId, String orgId, String name, String fundType) {
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

    public record Decision(long globalIndex, String eventType, String aggregateId, String at, String principal,
                           String roles, String orgId, String reason, String correlationId, String causationId,
                           String idempotencyKey) {
    }

    /** A document's fingerprint recorded in an event (a field named like *sha256* or *hash*). */
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
     * @param amountFen     the whole inflow
     * @param attributedFen the part of it attributed to this payout
     */
    public record FundingSource(long globalIndex, String eventType, String eventId, String sourceId, String payerType,
                                String channel, String effectiveDate, long amountFen, long attributedFen,
                                Long chainPosition, String chainHash) {
    }
}
