package org.unionledger.api.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.unionledger.core.fund.FundEvents.ContributionRecorded;
import org.unionledger.core.fund.FundEvents.FundOpened;
import org.unionledger.core.fund.FundEvents.FundsReserved;
import org.unionledger.core.fund.FundEvents.AllocationReceived;
import org.unionledger.core.fund.FundEvents.AllocationSent;
import org.unionledger.core.fund.FundEvents.PaymentReturned;
import org.unionledger.core.fund.FundEvents.ReservationDisbursed;
import org.unionledger.core.fund.FundEvents.ReservationReleased;
import org.unionledger.projections.journal.JournalAccounts;
import org.unionledger.projections.journal.JournalEntryDraft;
import org.unionledger.projections.journal.JournalMapping;
import org.unionledger.projections.journal.Posting;

/**
 * Rebuilds every fund's money by folding the event store in global order (payloads read with
 * Jackson, as Axon wrote them) and compares it with the journal (entry by entry, account by
 * account) and with the fund_balance read model. Plain JDBC: it needs no running ledger.
 */
final class BooksVerifier {

    /** Differences listed at most; the count is always exact. */
    static final int DIFFERENCES_LISTED_MAX = 1_000;
    private static final int FETCH_SIZE = 1_000;

    private static final ObjectMapper EVENTS = new ObjectMapper().findAndRegisterModules()
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** What the events say about one fund. */
    private static final class FundMoney {
        long availableFen;
        long reservedFen;
        long inFen;
        long outFen;
        /** Allocations sent to this fund and not received yet: in its books, not in its cash. */
        long inTransitFen;
    }

    record Result(long events, int funds, long entries, List<String> differences, long differenceCount) {

        boolean ok() {
            return differenceCount == 0;
        }

        String summary() {
            return ok() ? "OK: " + events + " events, " + funds + " funds, " + entries + " journal entries; "
                    + "the trial balance is zero and every fund's journal and fund_balance agree with the events"
                    : "FAILED: " + differenceCount + " difference(s) between the events and the books";
        }
    }

    private final List<String> differences = new ArrayList<>();
    private final Predicate<String> fundInScope;
    private long differenceCount;

    private BooksVerifier(Predicate<String> fundInScope) {
        this.fundInScope = fundInScope;
    }

    static Result verify(Connection connection) throws SQLException {
        return new BooksVerifier(fundId -> true).run(connection);
    }

    /** Verifies the funds whose id passes {@code fundInScope} only. */
    static Result verify(Connection connection, Predicate<String> fundInScope) throws SQLException {
        return new BooksVerifier(fundInScope).run(connection);
    }

    private Result run(Connection connection) throws SQLException {
        Map<String, FundMoney> funds = new TreeMap<>();
        Map<String, String> expectedEntries = new HashMap<>();
        Map<String, String> describe = new HashMap<>();
        Map<String, Long> expectedAccounts = new TreeMap<>();
        long events = foldEvents(connection, funds, expectedEntries, describe, expectedAccounts);

        Map<String, String> journalEntries = journalEntries(connection, fundInScope);
        for (var expected : new TreeMap<>(expectedEntries).entrySet()) {
            String actual = journalEntries.remove(expected.getKey());
            if (actual == null) {
                differ("journal lacks entry " + expected.getKey() + " (" + describe.get(expected.getKey())
                        + "): events say " + expected.getValue());
            } else if (!actual.equals(expected.getValue())) {
                differ("journal entry " + expected.getKey() + " (" + describe.get(expected.getKey())
                        + "): events say " + expected.getValue() + ", journal says " + actual);
            }
        }
        for (var extra : new TreeMap<>(journalEntries).entrySet()) {
            differ("journal entry " + extra.getKey() + " has no event behind it: " + extra.getValue());
        }
        Map<String, Long> actualAccounts = journalAccounts(connection, fundInScope);
        compare("journal account", expectedAccounts, actualAccounts);
        long total = actualAccounts.values().stream().mapToLong(Long::longValue).reduce(0, Math::addExact);
        if (total != 0) {
            differ("trial balance: the journal's postings sum to " + total + " fen, not 0");
        }
        funds.keySet().removeIf(fundInScope.negate());
        compareFundBalances(connection, funds);
        return new Result(events, funds.size(), expectedEntries.size(), List.copyOf(differences), differenceCount);
    }

    private long foldEvents(Connection connection, Map<String, FundMoney> funds, Map<String, String> entries,
                            Map<String, String> describe, Map<String, Long> accounts) throws SQLException {
        long events = 0;
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement select = connection.prepareStatement("SELECT eventidentifier, payloadtype, payload, "
                + "timestamp FROM domainevententry ORDER BY globalindex")) {
            select.setFetchSize(FETCH_SIZE);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events++;
                    Object event = read(rows.getString(2), rows.getBytes(3));
                    if (event == null) {
                        continue;
                    }
                    // Every fund is folded (an allocation moves money between two funds, in scope or
                    // not); only the funds in scope are compared.
                    fold(funds, event);
                    var drafts = JournalMapping.entriesFor(event, Instant.parse(rows.getString(4)));
                    for (int position = 0; position < drafts.size(); position++) {
                        JournalEntryDraft entry = drafts.get(position);
                        if (!fundInScope.test(entry.fundId())) {
                            continue;
                        }
                        String id = JournalMapping.entryId(rows.getString(1), position, entry);
                        entries.put(id, signature(entry));
                        describe.put(id, entry.eventType() + " " + entry.sourceId() + " in " + entry.fundId());
                        for (Posting p : entry.postings()) {
                            accounts.merge(JournalAccounts.name(p.accountClass(), entry.fundId(), p.accountPath()),
                                    p.amountFen(), Math::addExact);
                        }
                    }
                }
            }
        } finally {
            // Inside a caller's transaction (autoCommit off) the caller decides; otherwise end the read.
            if (autoCommit) {
                connection.commit();
                connection.setAutoCommit(true);
            }
        }
        return events;
    }

    /** The payload as its class, or null for classes this tool does not know (no money in them). */
    private static Object read(String payloadType, byte[] payload) {
        Class<?> type;
        try {
            type = Class.forName(payloadType);
        } catch (ClassNotFoundException unknown) {
            return null;
        }
        try {
            return EVENTS.readValue(payload, type);
        } catch (java.io.IOException unreadable) {
            throw new IllegalStateException("cannot read a stored " + payloadType + ": " + unreadable.getMessage(),
                    unreadable);
        }
    }

    /** The money rules, once more and independently of the projections. */
    private static void fold(Map<String, FundMoney> funds, Object event) {
        if (event instanceof FundOpened e) {
            funds.putIfAbsent(e.fundId(), new FundMoney());
        } else if (event instanceof ContributionRecorded e) {
            FundMoney m = funds.computeIfAbsent(e.fundId(), f -> new FundMoney());
            m.availableFen += e.amountFen();
            m.inFen += e.amountFen();
        } else if (event instanceof FundsReserved e) {
            FundMoney m = funds.computeIfAbsent(e.fundId(), f -> new FundMoney());
            m.availableFen -= e.amountFen();
            m.reservedFen += e.amountFen();
        } else if (event instanceof ReservationDisbursed e) {
            FundMoney m = funds.computeIfAbsent(e.fundId(), f -> new FundMoney());
            m.reservedFen -= e.amountFen();
            m.outFen += e.amountFen();
        } else if (event instanceof ReservationReleased e) {
            FundMoney m = funds.computeIfAbsent(e.fundId(), f -> new FundMoney());
            m.reservedFen -= e.amountFen();
            m.availableFen += e.amountFen();
        } else if (event instanceof PaymentReturned e) {
            FundMoney m = funds.computeIfAbsent(e.fundId(), f -> new FundMoney());
            m.outFen -= e.amountFen();
            m.availableFen += e.amountFen();
        } else if (event instanceof AllocationSent e) {
            FundMoney m = funds.computeIfAbsent(e.fundId(), f -> new FundMoney());
            m.reservedFen -= e.amountFen();
            m.outFen += e.amountFen();
            funds.computeIfAbsent(e.targetFundId(), f -> new FundMoney()).inTransitFen += e.amountFen();
        } else if (event instanceof AllocationReceived e) {
            FundMoney m = funds.computeIfAbsent(e.fundId(), f -> new FundMoney());
            m.inTransitFen -= e.amountFen();
            m.availableFen += e.amountFen();
            m.inFen += e.amountFen();
        }
    }

    private static String signature(JournalEntryDraft entry) {
        StringBuilder out = new StringBuilder("[");
        for (Posting p : entry.postings()) {
            if (out.length() > 1) {
                out.append(", ");
            }
            out.append(JournalAccounts.name(p.accountClass(), entry.fundId(), p.accountPath())).append(' ')
                    .append(p.amountFen()).append(" on ").append(entry.effectiveDate());
        }
        return out.append(']').toString();
    }

    private Map<String, String> journalEntries(Connection connection, Predicate<String> fundInScope)
            throws SQLException {
        Map<String, StringBuilder> entries = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT entry_id, fund_id FROM journal_entry");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                if (fundInScope.test(rows.getString(2))) {
                    entries.put(rows.getString(1), new StringBuilder("["));
                }
            }
        }
        // No foreign key ties a posting to its entry row (V504): a posting without one is not in the
        // books, and is reported. In the postings' key order (V508), so no sort of the whole table.
        Map<String, Long> postingsWithoutEntry = new TreeMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT entry_id, account_class, fund_id, "
                + "account_path, amount_fen, effective_date FROM journal_posting"
                + " ORDER BY global_index, entry_id, line_no");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                if (!fundInScope.test(rows.getString(3))) {
                    continue;
                }
                StringBuilder out = entries.get(rows.getString(1));
                if (out == null) {
                    postingsWithoutEntry.merge(rows.getString(1), 1L, Long::sum);
                    continue;
                }
                if (out.length() > 1) {
                    out.append(", ");
                }
                out.append(JournalAccounts.name(rows.getString(2), rows.getString(3), rows.getString(4))).append(' ')
                        .append(rows.getLong(5)).append(" on ").append(rows.getDate(6).toLocalDate());
            }
        }
        postingsWithoutEntry.forEach((entryId, postings) -> differ("journal has " + postings
                + " postings of entry " + entryId + " but no entry row: they are not counted"));
        Map<String, String> signatures = new HashMap<>();
        entries.forEach((id, text) -> signatures.put(id, text.append(']').toString()));
        return signatures;
    }

    /** Account sums over the postings of entries the journal holds (see journalEntries). */
    private static Map<String, Long> journalAccounts(Connection connection, Predicate<String> fundInScope)
            throws SQLException {
        Map<String, Long> accounts = new TreeMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT p.account_class, p.fund_id, "
                + "p.account_path, sum(p.amount_fen) FROM journal_posting p JOIN journal_entry e USING (entry_id) "
                + "GROUP BY p.account_class, p.fund_id, p.account_path");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                if (!fundInScope.test(rows.getString(2))) {
                    continue;
                }
                accounts.put(JournalAccounts.name(rows.getString(1), rows.getString(2), rows.getString(3)),
                        rows.getLong(4));
            }
        }
        return accounts;
    }

    private void compareFundBalances(Connection connection, Map<String, FundMoney> funds) throws SQLException {
        Map<String, long[]> rows = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT fund_id, available_fen, reserved_fen, "
                + "in_fen, out_fen FROM fund_balance");
             ResultSet result = select.executeQuery()) {
            while (result.next()) {
                if (!fundInScope.test(result.getString(1))) {
                    continue;
                }
                rows.put(result.getString(1), new long[] {result.getLong(2), result.getLong(3), result.getLong(4),
                        result.getLong(5)});
            }
        }
        Map<String, Long> cash = new HashMap<>();
        Map<String, Long> inTransit = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT p.fund_id, p.account_path = ?, "
                + "sum(p.amount_fen) FROM journal_posting p JOIN journal_entry e USING (entry_id) "
                + "WHERE p.account_class = 'Assets' GROUP BY 1, 2")) {
            select.setString(1, JournalAccounts.ALLOCATIONS_IN_TRANSIT);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    (result.getBoolean(2) ? inTransit : cash).put(result.getString(1), result.getLong(3));
                }
            }
        }
        String[] columns = {"available_fen", "reserved_fen", "in_fen", "out_fen"};
        for (String fundId : new TreeSet<>(funds.keySet())) {
            FundMoney m = funds.get(fundId);
            long[] expected = {m.availableFen, m.reservedFen, m.inFen, m.outFen};
            long[] actual = rows.remove(fundId);
            if (actual == null) {
                differ("fund_balance lacks fund " + fundId);
            } else {
                for (int i = 0; i < columns.length; i++) {
                    if (expected[i] != actual[i]) {
                        differ("fund_balance " + fundId + " " + columns[i] + ": events say " + expected[i]
                                + ", fund_balance says " + actual[i]);
                    }
                }
            }
            long cashFen = cash.getOrDefault(fundId, 0L);
            if (cashFen != m.availableFen + m.reservedFen) {
                differ("journal cash of " + fundId + " (Assets:" + fundId + ":Cash:*) is " + cashFen
                        + " fen, but the events give a balance of " + (m.availableFen + m.reservedFen));
            }
            long inTransitFen = inTransit.getOrDefault(fundId, 0L);
            if (inTransitFen != m.inTransitFen) {
                differ("journal allocations in transit to " + fundId + " are " + inTransitFen
                        + " fen, but the events give " + m.inTransitFen);
            }
        }
        rows.keySet().stream().sorted().forEach(fundId -> differ("fund_balance has fund " + fundId
                + " that no event opened"));
    }

    private void compare(String what, Map<String, Long> expected, Map<String, Long> actual) {
        TreeSet<String> names = new TreeSet<>(expected.keySet());
        names.addAll(actual.keySet());
        for (String name : names) {
            long e = expected.getOrDefault(name, 0L);
            long a = actual.getOrDefault(name, 0L);
            if (e != a) {
                differ(what + " " + name + ": events say " + e + " fen, journal says " + a + " fen");
            }
        }
    }

    private void differ(String difference) {
        differenceCount++;
        if (differences.size() < DIFFERENCES_LISTED_MAX) {
            differences.add(difference);
        }
    }
}
