package org.unionledger.projections.journal;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.unionledger.projections.jooq.Tables.FUND_BALANCE;
import static org.unionledger.projections.jooq.Tables.JOURNAL_ENTRY;
import static org.unionledger.projections.jooq.Tables.JOURNAL_POSTING;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.unionledger.core.fund.FundCommands.AcceptAllocation;
import org.unionledger.core.fund.FundCommands.ClawBackAllocation;
import org.unionledger.core.fund.FundCommands.ConfirmAllocationSent;
import org.unionledger.core.fund.FundCommands.DisburseReservation;
import org.unionledger.core.fund.FundCommands.OpenFund;
import org.unionledger.core.fund.FundCommands.RecordContribution;
import org.unionledger.core.fund.FundCommands.ReleaseReservation;
import org.unionledger.core.fund.FundCommands.ReserveFunds;
import org.unionledger.core.fund.FundCommands.ReturnPayment;
import org.unionledger.core.fund.FundCommands.SettleAllocation;
import org.unionledger.core.fund.FundEvents.AllocationAccepted;
import org.unionledger.core.fund.FundEvents.AllocationReceived;
import org.unionledger.core.fund.FundEvents.AllocationSent;
import org.unionledger.core.fund.FundEvents.ContributionRecorded;
import org.unionledger.core.fund.FundEvents.FundsReserved;
import org.unionledger.core.fund.FundEvents.PaymentReturned;
import org.unionledger.core.fund.FundEvents.ReservationDisbursed;
import org.unionledger.core.fund.FundEvents.ReservationReleased;
import org.unionledger.core.fund.FundType;
import org.unionledger.core.fund.PayerType;
import org.unionledger.core.fund.ReservationPurpose;
import org.unionledger.projections.fund.FundBalanceProjection;
import org.unionledger.projections.journal.JournalViews.FundBalanceAtQuery;
import org.unionledger.projections.journal.JournalViews.JournalEntryView;
import org.unionledger.projections.journal.JournalViews.JournalQuery;
import org.unionledger.projections.journal.JournalViews.TrialBalanceLine;
import org.unionledger.projections.journal.JournalViews.TrialBalanceQuery;
import org.unionledger.projections.journal.JournalViews.TrialBalanceView;
import org.unionledger.projections.support.TestDatabase;

/**
 * Random sequences of money commands across funds, allocations between them included (each step
 * sent by hand, so the books are checked in every in-between state: reserved, accepted, sent but
 * not received, refused and released, clawed back), run through the real Fund aggregate and booked
 * by the journal on real PostgreSQL after every command: the books always balance, every fund's
 * cash accounts hold exactly its balance, and all funds' assets together are exactly the money
 * that came in from outside less the money paid out, so no money is in two funds or in none.
 */
class JournalPropertiesTest {

    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 1);
    private static final int FUNDS = 3;

    /** One connection for the whole run: the checks after every step would spend most time connecting. */
    private static Connection connection;
    private static DSLContext db;

    enum Kind { CONTRIBUTE, RESERVE, DISBURSE, RELEASE, RETURN, ALLOCATE, ADVANCE, REFUSE, CLAW_BACK }

    record Step(Kind kind, int fund, long amountFen, int pick, PayerType payer, ReservationPurpose purpose,
                int day) {
    }

    enum Stage { RESERVED, ACCEPTED, SENT, RECEIVED, RELEASED }

    /** An allocation between two of the run's funds (a clawback is one in the other direction). */
    record Allocation(String allocationId, String sourceFundId, String targetFundId, long amountFen, Stage stage) {

        Allocation at(Stage next) {
            return new Allocation(allocationId, sourceFundId, targetFundId, amountFen, next);
        }
    }

    /** What the events say the books must show, kept independently of the journal. */
    static final class Expected {
        long outsideInFen;
        long outsideOutFen;
        final Map<String, Allocation> allocations = new LinkedHashMap<>();

        /** Allocation money the fund accepted, at the stage given. */
        long incomingAt(String fundId, Stage stage) {
            return allocations.values().stream().filter(a -> a.targetFundId().equals(fundId) && a.stage() == stage)
                    .mapToLong(Allocation::amountFen).sum();
        }

        List<Allocation> at(Stage stage) {
            return allocations.values().stream().filter(a -> a.stage() == stage).toList();
        }
    }

    @BeforeContainer
    static void database() throws SQLException {
        connection = TestDatabase.dataSource().getConnection();
        db = DSL.using(connection, SQLDialect.POSTGRES);
    }

    @AfterContainer
    static void closeConnection() throws SQLException {
        // The database is shared with the other projection tests; each try uses ids of its own.
        connection.close();
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.frequency(Tuple.of(3, Kind.CONTRIBUTE), Tuple.of(3, Kind.RESERVE),
                        Tuple.of(3, Kind.DISBURSE), Tuple.of(1, Kind.RELEASE), Tuple.of(1, Kind.RETURN),
                        Tuple.of(3, Kind.ALLOCATE), Tuple.of(5, Kind.ADVANCE), Tuple.of(1, Kind.REFUSE),
                        Tuple.of(2, Kind.CLAW_BACK)),
                Arbitraries.integers().between(0, FUNDS - 1),
                Arbitraries.longs().between(1, 80_000),
                Arbitraries.integers().between(0, 7),
                Arbitraries.of(PayerType.class),
                Arbitraries.of(ReservationPurpose.class),
                Arbitraries.integers().between(0, 180)).as(Step::new);
        return step.list().ofMinSize(5).ofMaxSize(60).withSizeDistribution(RandomDistribution.uniform());
    }

    @Property(tries = 60)
    void booksBalanceAndHoldEveryFundsMoneyOnceAtEveryStep(@ForAll("steps") List<Step> steps) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> funds = new ArrayList<>();
        Map<String, String> orgOf = new HashMap<>();
        Expected expected = new Expected();
        try (FundLedgerHarness ledger = new FundLedgerHarness()) {
            for (int i = 0; i < FUNDS; i++) {
                String fundId = "f" + i + "-" + run;
                String orgId = (i < 2 ? "org-a-" : "org-b-") + run;
                funds.add(fundId);
                orgOf.put(fundId, orgId);
                ledger.send(new OpenFund(fundId, orgId, "Fund " + i, FundType.values()[i % FundType.values().length]));
            }
            JournalProjection journal = new JournalProjection(db);
            FundBalanceProjection balances = new FundBalanceProjection(db);
            var opened = ledger.events();
            ledger.feed(opened, journal, balances);
            int fed = opened.size();
            int n = 0;
            Map<String, List<String>> reservations = new HashMap<>();
            for (Step step : steps) {
                String fundId = funds.get(step.fund());
                List<String> held = reservations.computeIfAbsent(fundId, f -> new ArrayList<>());
                // Most payouts act on a reservation the fund made; a few on one it never made.
                String reservationId = step.kind() == Kind.RESERVE || held.isEmpty() || step.pick() == 0
                        ? "r" + n : held.get(step.pick() % held.size());
                Object command = command(step, n++, fundId, reservationId, funds, orgOf, expected);
                if (command == null) {
                    Statistics.label("outcome").collect(step.kind() + " nothing to act on");
                    continue;
                }
                String refusedBy = ledger.send(command);
                if (step.kind() == Kind.RESERVE && refusedBy == null) {
                    held.add(reservationId);
                }
                if (command instanceof AcceptAllocation && refusedBy != null) {
                    // The allocation policy's compensation: the target refused, the source releases.
                    AcceptAllocation refused = (AcceptAllocation) command;
                    ledger.send(new ReleaseReservation(refused.sourceFundId(), refused.allocationId(),
                            "target refused: " + refusedBy));
                }
                Statistics.label("outcome").collect((step.kind() == Kind.ADVANCE ? command.getClass().getSimpleName()
                        : step.kind()) + (refusedBy == null ? " accepted" : " refused"));
                var events = ledger.eventsAfter(fed);
                fed += events.size();
                ledger.feed(events, journal, balances);
                for (TrackedEventMessage<?> event : events) {
                    expect(expected, event.getPayload(), funds);
                }
                assertBooksHoldEveryFundsMoneyOnce(funds, orgOf, expected);
                Statistics.label("books checked").collect(expected.at(Stage.SENT).isEmpty()
                        ? "nothing in transit" : "money in transit");
            }
            // A replay of the whole stream changes nothing.
            ledger.feed(ledger.events(), new JournalProjection(db));
        }
        JournalProjection journal = new JournalProjection(db);
        for (String orgId : new HashSet<>(orgOf.values())) {
            assertBalanced(journal.handle(new TrialBalanceQuery(orgId, null, null, null)));
            assertBalanced(journal.handle(new TrialBalanceQuery(orgId, null, LocalDate.of(2026, 3, 1),
                    LocalDate.of(2026, 3, 31))));
            assertCarriesForward(journal, orgId);
        }
        for (String fundId : funds) {
            assertBalanced(journal.handle(new TrialBalanceQuery(null, fundId, null, null)));
            var books = journal.handle(new FundBalanceAtQuery(fundId, null, null));
            var balance = db.selectFrom(FUND_BALANCE).where(FUND_BALANCE.FUND_ID.eq(fundId)).fetchOne();
            long inTransitFen = expected.incomingAt(fundId, Stage.SENT);
            assertThat("available of " + fundId, books.availableFen(), equalTo(balance.getAvailableFen()));
            assertThat("reserved of " + fundId, books.reservedFen(), equalTo(balance.getReservedFen()));
            assertThat("in transit to " + fundId, books.inTransitFen(), equalTo(inTransitFen));
            // The books count an allocation in from when it was sent, fund_balance from when it arrived.
            assertThat("in of " + fundId, books.inFen(), equalTo(balance.getInFen() + inTransitFen));
            assertThat("out of " + fundId, books.outFen(), equalTo(balance.getOutFen()));
        }
    }

    /**
     * The command for a step, or null when the step finds no allocation in the stage it acts on.
     * Allocation steps are sent by hand, one at a time, as the allocation policy would send them.
     */
    private static Object command(Step step, int n, String fundId, String reservationId, List<String> funds,
                                  Map<String, String> orgOf, Expected expected) {
        LocalDate day = FIRST_DAY.plusDays(step.day());
        return switch (step.kind()) {
            case CONTRIBUTE -> new RecordContribution(fundId, "c" + n, step.amountFen(), step.payer(), "bank", day,
                    null, "ref-" + n);
            case RESERVE -> new ReserveFunds(fundId, reservationId, step.amountFen() / 20 + 1, step.purpose(),
                    "claim-" + n);
            case DISBURSE -> new DisburseReservation(fundId, reservationId, "pay-" + n, day);
            case RELEASE -> new ReleaseReservation(fundId, reservationId, "withdrawn");
            case RETURN -> new ReturnPayment(fundId, reservationId, "back-" + n, day);
            case ALLOCATE -> new ReserveFunds(fundId, "a" + n, step.amountFen() / 20 + 1, ReservationPurpose.ALLOCATION,
                    funds.get((step.fund() + 1 + step.pick() % (FUNDS - 1)) % FUNDS));
            case ADVANCE -> pick(expected, step, Stage.RESERVED, Stage.ACCEPTED, Stage.SENT)
                    .map(a -> nextStep(a, orgOf)).orElse(null);
            case REFUSE -> pick(expected, step, Stage.RESERVED).<Object>map(a -> new ReleaseReservation(
                    a.sourceFundId(), a.allocationId(), "target refused: FUND_MUST_EXIST")).orElse(null);
            // Half the clawbacks give back all the unused money (0), half a part that may be too much.
            case CLAW_BACK -> pick(expected, step, Stage.RECEIVED).<Object>map(a -> new ClawBackAllocation(
                    a.targetFundId(), a.allocationId(), "cb" + n, step.amountFen() % 2 == 0 ? 0 : a.amountFen() / 2 + 1,
                    "period end")).orElse(null);
        };
    }

    /** The allocation policy's next command for an allocation in flight. */
    private static Object nextStep(Allocation a, Map<String, String> orgOf) {
        return switch (a.stage()) {
            case RESERVED -> new AcceptAllocation(a.targetFundId(), a.allocationId(), a.sourceFundId(),
                    orgOf.get(a.sourceFundId()), a.amountFen());
            case ACCEPTED -> new ConfirmAllocationSent(a.sourceFundId(), a.allocationId(), a.targetFundId(),
                    orgOf.get(a.targetFundId()));
            case SENT -> new SettleAllocation(a.targetFundId(), a.allocationId());
            default -> throw new IllegalArgumentException("allocation " + a + " is not in flight");
        };
    }

    /** One of the allocations at any of the stages given, chosen by the step. */
    private static Optional<Allocation> pick(Expected expected, Step step, Stage... stages) {
        List<Allocation> candidates = expected.allocations.values().stream()
                .filter(a -> List.of(stages).contains(a.stage())).toList();
        return candidates.isEmpty() ? Optional.empty()
                : Optional.of(candidates.get(step.pick() % candidates.size()));
    }

    /** Follows the events, not the commands: what the aggregate decided is what the books must show. */
    private static void expect(Expected expected, Object event, List<String> funds) {
        var allocations = expected.allocations;
        if (event instanceof ContributionRecorded e) {
            expected.outsideInFen += e.amountFen();
        } else if (event instanceof ReservationDisbursed e) {
            expected.outsideOutFen += e.amountFen();
        } else if (event instanceof PaymentReturned e) {
            expected.outsideOutFen -= e.amountFen();
        } else if (event instanceof FundsReserved e && e.purpose() == ReservationPurpose.ALLOCATION
                && funds.contains(e.reference())) {
            allocations.put(e.reservationId(), new Allocation(e.reservationId(), e.fundId(), e.reference(),
                    e.amountFen(), Stage.RESERVED));
        } else if (event instanceof AllocationAccepted e) {
            allocations.computeIfPresent(e.allocationId(), (id, a) -> a.at(Stage.ACCEPTED));
        } else if (event instanceof ReservationReleased e) {
            allocations.computeIfPresent(e.reservationId(), (id, a) -> a.at(Stage.RELEASED));
        } else if (event instanceof AllocationSent e) {
            allocations.computeIfPresent(e.allocationId(), (id, a) -> a.at(Stage.SENT));
        } else if (event instanceof AllocationReceived e) {
            allocations.computeIfPresent(e.allocationId(), (id, a) -> a.at(Stage.RECEIVED));
        }
    }

    /**
     * After every command: each fund's and each org's postings sum to zero, each fund's cash
     * accounts are its fund_balance, its allocations in transit are exactly those sent to it and
     * not received (fund_balance's pending in adds those accepted and not sent yet, which are still
     * the source's reserved cash), all funds' assets together are the outside money in less out,
     * and every posting has its entry (no foreign key checks that since V504).
     */
    private static void assertBooksHoldEveryFundsMoneyOnce(List<String> funds, Map<String, String> orgOf,
                                                           Expected expected) {
        Map<String, Long> accounts = new HashMap<>();
        Map<String, Long> fundTotals = new HashMap<>();
        Map<String, Long> orgTotals = new HashMap<>();
        long assetsFen = 0;
        var sums = db.select(JOURNAL_POSTING.FUND_ID, JOURNAL_POSTING.ACCOUNT_CLASS, JOURNAL_POSTING.ACCOUNT_PATH,
                        DSL.sum(JOURNAL_POSTING.AMOUNT_FEN).cast(Long.class))
                .from(JOURNAL_POSTING)
                .where(JOURNAL_POSTING.FUND_ID.in(funds))
                .groupBy(JOURNAL_POSTING.FUND_ID, JOURNAL_POSTING.ACCOUNT_CLASS, JOURNAL_POSTING.ACCOUNT_PATH)
                .fetch();
        for (var sum : sums) {
            accounts.put(JournalAccounts.name(sum.value2(), sum.value1(), sum.value3()), sum.value4());
            fundTotals.merge(sum.value1(), sum.value4(), Math::addExact);
            orgTotals.merge(orgOf.get(sum.value1()), sum.value4(), Math::addExact);
            if (sum.value2().equals(JournalAccounts.ASSETS)) {
                assetsFen += sum.value4();
            }
        }
        assertThat("postings without their entry", db.fetchCount(JOURNAL_POSTING, JOURNAL_POSTING.FUND_ID.in(funds)
                .andNotExists(DSL.selectOne().from(JOURNAL_ENTRY).where(JOURNAL_ENTRY.ENTRY_ID.eq(
                        JOURNAL_POSTING.ENTRY_ID)))), equalTo(0));
        fundTotals.forEach((fundId, total) -> assertThat("trial balance of " + fundId, total, equalTo(0L)));
        orgTotals.forEach((orgId, total) -> assertThat("trial balance of " + orgId, total, equalTo(0L)));
        assertThat("all funds' assets, outside money in less out", assetsFen,
                equalTo(expected.outsideInFen - expected.outsideOutFen));
        for (var balance : db.selectFrom(FUND_BALANCE).where(FUND_BALANCE.FUND_ID.in(funds)).fetch()) {
            String fundId = balance.getFundId();
            assertThat("available cash of " + fundId, account(accounts, fundId, JournalAccounts.CASH_AVAILABLE),
                    equalTo(balance.getAvailableFen()));
            assertThat("reserved cash of " + fundId, account(accounts, fundId, JournalAccounts.CASH_RESERVED),
                    equalTo(balance.getReservedFen()));
            long inTransitFen = account(accounts, fundId, JournalAccounts.ALLOCATIONS_IN_TRANSIT);
            assertThat("in transit to " + fundId, inTransitFen, equalTo(expected.incomingAt(fundId, Stage.SENT)));
            assertThat("pending in of " + fundId, balance.getPendingInFen(),
                    equalTo(inTransitFen + expected.incomingAt(fundId, Stage.ACCEPTED)));
        }
    }

    @Example
    void aPageOfTheJournalNeverSplitsTheEntriesOfOneEvent() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String orgId = "org-" + run;
        JournalProjection journal = new JournalProjection(db);
        journal.record(new AllocationSent("src-" + run, orgId, "a-1", 300, "dst-" + run, orgId), "event-" + run, 1,
                Instant.now());

        var page = journal.handle(new JournalQuery(orgId, null, null, null, -1, 1));

        assertThat(page.entries().stream().map(JournalEntryView::fundId).toList(),
                contains("src-" + run, "dst-" + run));
    }

    private static long account(Map<String, Long> accounts, String fundId, String path) {
        return accounts.getOrDefault(JournalAccounts.name(JournalAccounts.ASSETS, fundId, path), 0L);
    }

    private static void assertBalanced(TrialBalanceView view) {
        assertThat("opening of " + view, view.openingTotalFen(), equalTo(0L));
        assertThat("movements of " + view, view.debitTotalFen() + view.creditTotalFen(), equalTo(0L));
        assertThat("closing of " + view, view.closingTotalFen(), equalTo(0L));
    }

    /** The opening balance of each month is the closing balance of the month before. */
    private static void assertCarriesForward(JournalProjection journal, String orgId) {
        for (int month = 1; month < 7; month++) {
            LocalDate start = LocalDate.of(2026, month, 1);
            var previous = journal.handle(new TrialBalanceQuery(orgId, null, start, start.plusMonths(1).minusDays(1)));
            var next = journal.handle(new TrialBalanceQuery(orgId, null, start.plusMonths(1),
                    start.plusMonths(2).minusDays(1)));
            Map<String, Long> closing = new HashMap<>();
            for (TrialBalanceLine line : previous.lines()) {
                closing.put(line.account(), line.closingFen());
            }
            for (TrialBalanceLine line : next.lines()) {
                assertThat("opening of " + line.account(), line.openingFen(),
                        equalTo(closing.getOrDefault(line.account(), 0L)));
            }
        }
    }
}
