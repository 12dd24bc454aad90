package org.unionledger.projections.journal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Queries on the journal and what they answer. Null filters mean "all". */
public final class JournalViews {

    /** Page size limit of a journal query: exports page through the journal in chunks of this size. */
    public static final int PAGE_SIZE_MAX = 5_000;

    private JournalViews() {
    }

    /**
     * Entries of an org or fund with effective dates in [from, to], in global order, after
     * {@code afterGlobalIndex}. A page holds all entries of its last event, so it may hold one more
     * than {@code limit}.
     */
    public record JournalQuery(String orgId, String fundId, LocalDate from, LocalDate to, long afterGlobalIndex,
                               int limit) {
    }

    public record JournalPage(List<JournalEntryView> entries) {
    }

    public record JournalEntryView(String entryId, long globalIndex, String fundId, String orgId, String eventType,
                                   LocalDate effectiveDate, Instant recordedAt, String sourceId, String description,
                                   String bankReference, long bankAmountFen, List<PostingView> postings) {
    }

    public record PostingView(String account, String accountClass, String accountPath, long amountFen) {
    }

    /** The trial balance of an org and/or fund for effective dates in [from, to]. */
    public record TrialBalanceQuery(String orgId, String fundId, LocalDate from, LocalDate to) {
    }

    /**
     * Opening balances (everything dated before {@code from}) carry forward: the opening of a period
     * is the closing of the one before. Debits are positive, credits negative; every column sums to zero.
     */
    public record TrialBalanceView(String orgId, String fundId, LocalDate from, LocalDate to,
                                   List<TrialBalanceLine> lines, long openingTotalFen, long debitTotalFen,
                                   long creditTotalFen, long closingTotalFen) {
    }

    public record TrialBalanceLine(String account, String fundId, String accountClass, String accountPath,
                                   long openingFen, long debitFen, long creditFen, long closingFen) {
    }

    /**
     * A fund's balance as of an effective date (everything dated on or before it), or as the ledger
     * knew it at a moment (everything recorded at or before it); both when both are given.
     */
    public record FundBalanceAtQuery(String fundId, LocalDate asOf, Instant recordedAt) {
    }

    /**
     * A fund's balance from its journal. {@code inFen} counts an allocation from when its source
     * sent it; until the fund receives it, it is in {@code inTransitFen}, not in available cash.
     * So available + reserved + inTransit = in - out.
     */
    public record FundBalanceAtView(String fundId, LocalDate asOf, Instant recordedAt, long availableFen,
                                    long reservedFen, long inFen, long outFen, long inTransitFen) {
    }

    /** The funds the journal knows, for the chart of accounts and exports. */
    public record JournalFundsQuery() {
    }

    public record JournalFundView(String fundId, String orgId, String name, String fundType, LocalDate openedOn) {
    }

    public record JournalFunds(List<JournalFundView> funds) {
    }
}
