package org.unionledger.projections.journal;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.unionledger.projections.jooq.Tables.FUND_BALANCE;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jooq.DSLContext;
import org.unionledger.core.fund.FundCommands.DisburseReservation;
import org.unionledger.core.fund.FundCommands.OpenFund;
import org.unionledger.core.fund.FundCommands.RecordContribution;
import org.unionledger.core.fund.FundCommands.ReleaseReservation;
import org.unionledger.core.fund.FundCommands.ReserveFunds;
import org.unionledger.core.fund.FundCommands.ReturnPayment;
import org.unionledger.core.fund.FundType;
import org.unionledger.core.fund.PayerType;
import org.unionledger.core.fund.ReservationPurpose;
import org.unionledger.projections.fund.FundBalanceProjection;
import org.unionledger.projections.journal.JournalViews.FundBalanceAtQuery;
import org.unionledger.projections.journal.JournalViews.TrialBalanceLine;
import org.unionledger.projections.journal.JournalViews.TrialBalanceQuery;
import org.unionledger.projections.journal.JournalViews.TrialBalanceView;
import org.unionledger.projections.support.TestDatabase;

/**
 * Random sequences of money commands across funds, run through the real Fund aggregate, then
 * booked by the journal on real PostgreSQL: the books always balance, and every fund's cash
 * accounts hold exactly its balance.
 */
class JournalPropertiesTest {

    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 1);
    private static final int FUNDS = 3;

    private static DSLContext db;

    enum Kind { CONTRIBUTE, RESERVE, DISBURSE, RELEASE, RETURN }

    record Step(Kind kind, int fund, long amountFen, int reservation, PayerType payer, ReservationPurpose purpose,
                int day) {
    }

    @BeforeContainer
    static void database() {
        db = TestDatabase.dsl();
    }

    @AfterContainer
    static void nothing() {
        // The database is shared with the other projection tests; each try uses ids of its own.
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.frequency(Tuple.of(2, Kind.CONTRIBUTE), Tuple.of(4, Kind.RESERVE),
                        Tuple.of(4, Kind.DISBURSE), Tuple.of(1, Kind.RELEASE), Tuple.of(2, Kind.RETURN)),
                Arbitraries.integers().between(0, FUNDS - 1),
                Arbitraries.longs().between(1, 80_000),
                Arbitraries.integers().between(0, 3),
                Arbitraries.of(PayerType.class),
                Arbitraries.of(ReservationPurpose.class),
                Arbitraries.integers().between(0, 180)).as(Step::new);
        return step.list().ofMinSize(5).ofMaxSize(60);
    }

    @Property(tries = 60)
    void booksBalanceAndCashEqualsEveryFundsBalance(@ForAll("steps") List<Step> steps) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> funds = new ArrayList<>();
        Map<String, String> orgOf = new HashMap<>();
        try (FundLedgerHarness ledger = new FundLedgerHarness()) {
            for (int i = 0; i < FUNDS; i++) {
                String fundId = "f" + i + "-" + run;
                String orgId = (i < 2 ? "org-a-" : "org-b-") + run;
                funds.add(fundId);
                orgOf.put(fundId, orgId);
                ledger.send(new OpenFund(fundId, orgId, "Fund " + i, FundType.values()[i % FundType.values().length]));
            }
            int n = 0;
            Map<String, List<String>> reservations = new HashMap<>();
            for (Step step : steps) {
                String fundId = funds.get(step.fund());
                List<String> held = reservations.computeIfAbsent(fundId, f -> new ArrayList<>());
                // Most payouts act on a reservation the fund made; a few on one it never made.
                String reservationId = step.kind() == Kind.RESERVE || held.isEmpty() || step.reservation() == 0
                        ? "r" + n : held.get(step.reservation() % held.size());
                String refusedBy = ledger.send(command(step, fundId, reservationId, n++));
                if (step.kind() == Kind.RESERVE && refusedBy == null) {
                    held.add(reservationId);
                }
                Statistics.label("outcome").collect(step.kind() + (refusedBy == null ? " accepted" : " refused"));
            }
            var events = ledger.events();
            ledger.feed(events, new JournalProjection(db), new FundBalanceProjection(db));
            // A replay of the whole stream changes nothing.
            ledger.feed(events, new JournalProjection(db));
        }
        JournalProjection journal = new JournalProjection(db);
        for (String orgId : new java.util.HashSet<>(orgOf.values())) {
            assertBalanced(journal.handle(new TrialBalanceQuery(orgId, null, null, null)));
            assertBalanced(journal.handle(new TrialBalanceQuery(orgId, null, LocalDate.of(2026, 3, 1),
                    LocalDate.of(2026, 3, 31))));
            assertCarriesForward(journal, orgId);
        }
        for (String fundId : funds) {
            assertBalanced(journal.handle(new TrialBalanceQuery(null, fundId, null, null)));
            var books = journal.handle(new FundBalanceAtQuery(fundId, null, null));
            var balance = db.selectFrom(FUND_BALANCE).where(FUND_BALANCE.FUND_ID.eq(fundId)).fetchOne();
            assertThat("available of " + fundId, books.availableFen(), equalTo(balance.getAvailableFen()));
            assertThat("reserved of " + fundId, books.reservedFen(), equalTo(balance.getReservedFen()));
            assertThat("in of " + fundId, books.inFen(), equalTo(balance.getInFen()));
            assertThat("out of " + fundId, books.outFen(), equalTo(balance.getOutFen()));
        }
    }

    private static Object command(Step step, String fundId, String reservationId, int n) {
        LocalDate day = FIRST_DAY.plusDays(step.day());
        return switch (step.kind()) {
            case CONTRIBUTE -> new RecordContribution(fundId, "c" + n, step.amountFen(), step.payer(), "bank", day,
                    null, "ref-" + n);
            case RESERVE -> new ReserveFunds(fundId, reservationId, step.amountFen() / 20 + 1, step.purpose(), "claim-" + n);
            case DISBURSE -> new DisburseReservation(fundId, reservationId, "pay-" + n, day);
            case RELEASE -> new ReleaseReservation(fundId, reservationId, "withdrawn");
            case RETURN -> new ReturnPayment(fundId, reservationId, "back-" + n, day);
        };
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
