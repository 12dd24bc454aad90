package org.unionledger.api.bench;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.unionledger.api.claim.ClaimsCityYearPart;
import org.unionledger.api.hardship.HardshipCityYearPart;
import org.unionledger.api.journal.BooksCheck;
import org.unionledger.api.pool.EnrolmentsCityYearPart;
import org.unionledger.api.support.ApiTest;
import org.unionledger.api.support.LedgerHttp;
import org.unionledger.core.claim.Claim;
import org.unionledger.core.claim.ClaimEvents.ClaimPaid;
import org.unionledger.core.claim.ClaimEvents.ClaimPaymentReturned;
import org.unionledger.core.claim.ClaimEvents.ClaimPayoutReserved;
import org.unionledger.core.claim.ClaimEvents.ClaimSubmitted;
import org.unionledger.core.claim.ClaimKeyRegistration;
import org.unionledger.core.fund.Fund;
import org.unionledger.core.fund.FundEvents.AllocationReceived;
import org.unionledger.core.fund.FundEvents.ContributionRecorded;
import org.unionledger.core.fund.FundEvents.FundOpened;
import org.unionledger.core.fund.FundEvents.FundsReserved;
import org.unionledger.core.fund.FundEvents.PaymentReturned;
import org.unionledger.core.fund.FundEvents.ReservationDisbursed;
import org.unionledger.core.fund.FundEvents.ReservationReleased;
import org.unionledger.core.hardship.HardshipCase;
import org.unionledger.core.hardship.HardshipEvents.GrantApproved;
import org.unionledger.core.hardship.HardshipEvents.GrantPaid;
import org.unionledger.core.hardship.HardshipEvents.GrantProposed;
import org.unionledger.core.hardship.HardshipEvents.GrantRejected;
import org.unionledger.core.hardship.HardshipEvents.GrantReserved;
import org.unionledger.core.hardship.HardshipEvents.HardshipCaseRegistered;
import org.unionledger.core.pool.Coverage;
import org.unionledger.core.subsidy.SubsidyEvents.ProgramFundingRecorded;
import org.unionledger.core.subsidy.SubsidyEvents.SubsidyApplicationRejected;
import org.unionledger.core.subsidy.SubsidyEvents.SubsidyApplied;
import org.unionledger.core.subsidy.SubsidyEvents.SubsidyGranted;
import org.unionledger.core.subsidy.SubsidyEvents.SubsidyPaid;
import org.unionledger.core.subsidy.SubsidyProgram;
import org.unionledger.core.pool.MutualAidPool;

/**
 * The benchmark's city-year, bulk-loaded with COPY as scripts/bench loads it (the smoke test's
 * tiny size, every part the ledger declares): the projections take it in, no process manager adds
 * anything, the books agree, every generated aggregate loads from its events, and the ledger takes
 * the next commands on them (a claim's review and payment, a hardship grant's approval and payment, a
 * subsidy application's approval, a subsidy grant's payment, a clawback of an allocation, a
 * contribution).
 */
@ApiTest
class CityYearLoadTest {

    private static final String POOL_FUND = CityYear.MUTUAL_AID_FUND;
    private static final Map<String, Class<?>> AGGREGATES = Map.of("Claim", Claim.class, "ClaimKeyRegistration",
            ClaimKeyRegistration.class, "Coverage", Coverage.class, "MutualAidPool", MutualAidPool.class,
            "Fund", Fund.class, "HardshipCase", HardshipCase.class, "SubsidyProgram", SubsidyProgram.class);

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext app;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    private CityYear year;
    private List<CityYearPart> parts;
    private Generated generated;
    private Processors processors;

    @BeforeEach
    void theTinyCityYearIsLoaded() throws Exception {
        year = TinyCityYear.year();
        parts = TinyCityYear.parts(app);
        generated = new Generated();
        year.generate(parts, generated::add);
        TinyCityYear.loadOnce(app, year, parts);
        processors = new Processors(app.getBean(EventProcessingConfiguration.class), jdbc);
        processors.awaitCaughtUp(Duration.ofMinutes(5));
        parts.forEach(part -> part.loaded(jdbc));
    }

    @Test
    void aLoadedYearIsConsistentAndTakesTheNextCommands() throws Exception {
        assertThat(parts.stream().map(CityYearPart::name).toList(), hasItems("enrolments", "claims", "hardship",
                "subsidies", "allocations"));

        noProcessManagerAddedEvents();
        claimsAreProjectedWithTheirPayouts();
        hardshipCasesAreProjectedWithTheirGrants();
        subsidyApplicationsAreProjected();
        allocationsAreProjectedAsReceived();
        thePoolFundHoldsTheGeneratedMoney(0);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM coverage WHERE pool_id = ?", Long.class,
                EnrolmentsCityYearPart.POOL_ID), equalTo(generated.coverages));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM claim_notification_outbox WHERE claim_id LIKE ? "
                + "AND sent_at IS NULL", Long.class, ClaimsCityYearPart.CLAIM_ID_PREFIX + "%"), equalTo(0L));
        everyGeneratedAggregateLoadsFromItsEvents();

        theLedgerTakesTheNextCommands();
        // Every chain the commands started has ended (each step awaited): the books must agree now.
        processors.awaitCaughtUp(Duration.ofMinutes(1));
        String books = BooksCheck.verify(dataSource, fundId -> generated.funds.contains(fundId));
        assertThat(books, books, startsWith("OK: "));
    }

    /**
     * Policies saw every event (the hardship grant policy sends its commands again): had one changed
     * anything, an aggregate would hold more events than generated.
     */
    private void noProcessManagerAddedEvents() {
        Map<String, Long> stored = new TreeMap<>();
        jdbc.query("SELECT aggregateidentifier, count(*) FROM domainevententry WHERE aggregateidentifier = ANY(?) "
                        + "GROUP BY aggregateidentifier",
                row -> {
                    stored.put(row.getString(1), row.getLong(2));
                }, (Object) generated.events.keySet().toArray(String[]::new));
        assertThat(stored, equalTo(new TreeMap<>(generated.events)));
    }

    private void hardshipCasesAreProjectedWithTheirGrants() {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM hardship_case WHERE case_id LIKE ?", Long.class,
                HardshipCityYearPart.CASE_ID_PREFIX + "%"), equalTo(generated.hardshipCases));
        Map<String, Long> grants = new TreeMap<>();
        jdbc.query("SELECT status, count(*) FROM hardship_grant WHERE case_id LIKE ? GROUP BY status",
                row -> {
                    grants.put(row.getString(1), row.getLong(2));
                }, HardshipCityYearPart.CASE_ID_PREFIX + "%");
        assertThat(grants, equalTo(generated.grantsByStatus()));
        assertThat(grants.get("PAID"), greaterThan(0L));
    }

    private void claimsAreProjectedWithTheirPayouts() {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM claim WHERE claim_id LIKE ?", Long.class,
                ClaimsCityYearPart.CLAIM_ID_PREFIX + "%"), equalTo((long) generated.claimStatus.size()));
        Map<String, Object> paid = jdbc.queryForMap("SELECT count(*) AS claims, sum(paid_fen) AS fen FROM claim "
                + "WHERE claim_id LIKE ? AND status = 'PAID' AND paid_fen > 0 AND payment_reference IS NOT NULL",
                ClaimsCityYearPart.CLAIM_ID_PREFIX + "%");
        assertThat(((Number) paid.get("claims")).longValue(), equalTo(generated.paidClaims()));
        assertThat(((Number) paid.get("claims")).longValue(), greaterThan(0L));
        assertThat(((Number) paid.get("fen")).longValue(), equalTo(generated.paidFen()));
    }

    private void thePoolFundHoldsTheGeneratedMoney(long laterInFen) {
        Map<String, Object> balance = jdbc.queryForMap("SELECT available_fen, reserved_fen, in_fen, out_fen "
                + "FROM fund_balance WHERE fund_id = ?", POOL_FUND);
        Money pool = generated.pool;
        assertThat(balance.toString(), List.of(((Number) balance.get("available_fen")).longValue(),
                ((Number) balance.get("reserved_fen")).longValue(), ((Number) balance.get("in_fen")).longValue(),
                ((Number) balance.get("out_fen")).longValue()),
                equalTo(List.of(pool.inFen - pool.outFen - pool.reservedFen + laterInFen, pool.reservedFen,
                        pool.inFen + laterInFen, pool.outFen)));
    }

    /** Axon sources each generated aggregate (its invariants checked on every event) without complaint. */
    private void everyGeneratedAggregateLoadsFromItsEvents() {
        Configuration axon = app.getBean(Configuration.class);
        generated.types.forEach((aggregateId, type) -> {
            var repository = axon.repository(AGGREGATES.get(type));
            DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            try {
                repository.load(aggregateId);
            } finally {
                unitOfWork.rollback();
            }
        });
    }

    private void subsidyApplicationsAreProjected() {
        Map<String, Long> applications = new TreeMap<>();
        jdbc.query("SELECT status, count(*) FROM subsidy_grant WHERE program_id = ANY(?) GROUP BY status",
                row -> {
                    applications.put(row.getString(1), row.getLong(2));
                }, (Object) generated.programs().toArray(String[]::new));
        assertThat(applications, equalTo(generated.applicationsByStatus()));
        for (String programId : generated.programs()) {
            assertThat(programId, jdbc.queryForObject("SELECT budget_fen FROM subsidy_program WHERE program_id = ?",
                    Long.class, programId), equalTo(generated.budgetFen.get(programId)));
        }
    }

    private void allocationsAreProjectedAsReceived() {
        assertThat(jdbc.queryForList("SELECT allocation_id FROM allocation WHERE allocation_id LIKE 'alloc-2018-%' "
                + "AND status = 'RECEIVED' ORDER BY allocation_id", String.class), equalTo(generated.allocations()));
    }

    private void theLedgerTakesTheNextCommands() {
        aPendingClaimIsApprovedAReservedOnePaid();
        aProposedHardshipGrantIsApprovedAndPaid();
        aPendingSubsidyApplicationIsApprovedAnApprovedOnePaid();
        aGrassrootsAllocationIsClawedBack();
        LedgerHttp finance = LedgerHttp.at(port).as("finance");
        var contribution = finance.post("/funds/" + POOL_FUND + "/contributions", Map.of("contributionId",
                "after-load-1", "amountFen", 12_345, "payerType", "MEMBER", "channel", "counter"));
        assertThat(contribution.toString(), contribution.status(), equalTo(201));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT in_fen FROM fund_balance WHERE fund_id = ?", Long.class, POOL_FUND)
                == generated.pool.inFen + 12_345);
    }

    private void aPendingClaimIsApprovedAReservedOnePaid() {
        LedgerHttp finance = LedgerHttp.at(port).as("finance");
        LedgerHttp reviewer = LedgerHttp.at(port).as("reviewer");
        String pending = generated.claimIn("SUBMITTED");
        String reserved = generated.claimIn("PAYOUT_RESERVED");

        var approved = reviewer.post("/claims/" + pending + "/approvals", Map.of());
        assertThat(approved.toString(), approved.status(), equalTo(201));
        var paid = finance.post("/claims/" + reserved + "/payments", Map.of("paymentReference", "BK-AFTER-LOAD"));
        assertThat(paid.toString(), paid.status(), equalTo(201));

        await().atMost(Duration.ofSeconds(30)).until(() -> "PAID".equals(status(reserved))
                && !"SUBMITTED".equals(status(pending)));
        assertThat(status(pending), in(List.of("PAYOUT_RESERVED", "AWAITING_SECOND_APPROVAL")));
        // The ledger appends to the generated streams under the same aggregate type names.
        for (String aggregateId : List.of(pending, reserved, POOL_FUND)) {
            assertThat(aggregateId, jdbc.queryForList("SELECT DISTINCT type FROM domainevententry "
                    + "WHERE aggregateidentifier = ?", String.class, aggregateId), equalTo(
                    List.of(generated.types.get(aggregateId))));
        }
    }

    /**
     * A grant still waiting for its checker: approved over HTTP, the grant policy reserves its money
     * on the district's fund and tells the case; then finance pays it and the policy tells the case.
     */
    private void aProposedHardshipGrantIsApprovedAndPaid() {
        String[] caseAndGrant = generated.grantIn("PROPOSED").split("/");
        String path = "/hardship-cases/" + caseAndGrant[0] + "/grants/" + caseAndGrant[1];
        var approved = LedgerHttp.at(port).as("caseworker2").post(path + "/approvals", Map.of());
        assertThat(approved.toString(), approved.status(), equalTo(201));
        await().atMost(Duration.ofSeconds(30)).until(() -> "RESERVED".equals(grantStatus(caseAndGrant)));
        var paid = LedgerHttp.at(port).as("finance").post(path + "/payments",
                Map.of("paymentReference", "HB-AFTER-LOAD"));
        assertThat(paid.toString(), paid.status(), equalTo(201));
        await().atMost(Duration.ofSeconds(30)).until(() -> "PAID".equals(grantStatus(caseAndGrant)));
    }

    /** The subsidy policy reserves the newly approved grant's money, and disburses the paid one's. */
    private void aPendingSubsidyApplicationIsApprovedAnApprovedOnePaid() {
        String[] pending = generated.applicationIn("APPLIED").split("/");
        String[] approved = generated.applicationIn("APPROVED").split("/");
        var decided = LedgerHttp.at(port).as("reviewer").post("/subsidy-programs/" + pending[0] + "/applications/"
                + pending[1] + "/approvals", Map.of());
        assertThat(decided.toString(), decided.status(), equalTo(201));
        var paid = LedgerHttp.at(port).as("finance").post("/subsidy-programs/" + approved[0] + "/applications/"
                + approved[1] + "/payments", Map.of("method", "CASH", "paymentReference", "BK-AFTER-LOAD"));
        assertThat(paid.toString(), paid.status(), equalTo(201));
        await().atMost(Duration.ofSeconds(30)).until(() -> stored("subsidy:" + pending[0], FundsReserved.class)
                > generated.countOf("subsidy:" + pending[0], FundsReserved.class)
                && stored("subsidy:" + approved[0], ReservationDisbursed.class)
                > generated.countOf("subsidy:" + approved[0], ReservationDisbursed.class));
    }

    /** The target gives the allocation back; the allocation policy carries the money to the district. */
    private void aGrassrootsAllocationIsClawedBack() {
        String allocationId = generated.allocations().get(generated.allocations().size() - 1);
        var clawback = LedgerHttp.at(port).as("finance").post("/allocations/" + allocationId + "/clawbacks",
                Map.of("clawbackId", "clawback-after-load", "reason", "not used this year"));
        assertThat(clawback.toString(), clawback.status(), equalTo(202));
        await().atMost(Duration.ofSeconds(30)).until(() -> "RECEIVED".equals(jdbc.queryForObject(
                "SELECT max(status) FROM allocation WHERE allocation_id = 'clawback-after-load'", String.class)));
    }

    /** Events of one type an aggregate holds in the store. */
    private long stored(String aggregateId, Class<?> payloadType) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND payloadtype = ?", Long.class, aggregateId, payloadType.getName());
    }

    private String grantStatus(String[] caseAndGrant) {
        return jdbc.queryForObject("SELECT status FROM hardship_grant WHERE case_id = ? AND grant_id = ?",
                String.class, caseAndGrant[0], caseAndGrant[1]);
    }

    private String status(String claimId) {
        return jdbc.queryForObject("SELECT status FROM claim WHERE claim_id = ?", String.class, claimId);
    }

    /** What the generated year says, folded event by event. */
    private static final class Generated {

        final Map<String, String> types = new HashMap<>();
        final Map<String, Long> events = new HashMap<>();
        final Set<String> funds = new HashSet<>();
        final Map<String, String> claimStatus = new TreeMap<>();
        final Map<String, Long> claimPaidFen = new HashMap<>();
        final Map<String, String> grantStatus = new TreeMap<>();
        final Map<String, String> applicationStatus = new TreeMap<>();
        final Map<String, Long> budgetFen = new TreeMap<>();
        final Map<String, Long> eventsByAggregateAndType = new HashMap<>();
        final Set<String> allocations = new java.util.TreeSet<>();
        final Money pool = new Money();
        long coverages;
        long hardshipCases;

        void add(CityYear.GeneratedEvent event) {
            types.put(event.aggregateId(), event.aggregateType());
            events.merge(event.aggregateId(), 1L, Long::sum);
            Object payload = event.payload();
            if (payload instanceof FundOpened opened) {
                funds.add(opened.fundId());
            }
            if (event.aggregateId().equals(POOL_FUND)) {
                pool.add(payload);
            }
            if ("Coverage".equals(event.aggregateType()) && event.sequence() == 0) {
                coverages++;
            }
            if (payload instanceof HardshipCaseRegistered) {
                hardshipCases++;
            }
            hardshipGrant(payload);
            subsidyApplication(payload);
            eventsByAggregateAndType.merge(event.aggregateId() + " " + payload.getClass().getName(), 1L, Long::sum);
            if (payload instanceof AllocationReceived received) {
                allocations.add(received.allocationId());
            }
            if ("Claim".equals(event.aggregateType())) {
                String name = payload.getClass().getSimpleName();
                String status = payload instanceof ClaimSubmitted ? "SUBMITTED"
                        : payload instanceof ClaimPayoutReserved ? "PAYOUT_RESERVED"
                        : payload instanceof ClaimPaymentReturned ? "AWAITING_FUNDS"
                        : name.replaceFirst("^Claim", "").toUpperCase();
                claimStatus.put(event.aggregateId(), status);
                if (payload instanceof ClaimPaid claimPaid) {
                    claimPaidFen.put(event.aggregateId(), claimPaid.amountFen());
                }
            }
        }

        private void hardshipGrant(Object payload) {
            if (payload instanceof GrantProposed e) {
                grantStatus.put(e.caseId() + "/" + e.grantId(), "PROPOSED");
            } else if (payload instanceof GrantApproved e) {
                grantStatus.put(e.caseId() + "/" + e.grantId(), "APPROVED");
            } else if (payload instanceof GrantReserved e) {
                grantStatus.put(e.caseId() + "/" + e.grantId(), "RESERVED");
            } else if (payload instanceof GrantPaid e) {
                grantStatus.put(e.caseId() + "/" + e.grantId(), "PAID");
            } else if (payload instanceof GrantRejected e) {
                grantStatus.put(e.caseId() + "/" + e.grantId(), "REJECTED");
            }
        }

        private void subsidyApplication(Object payload) {
            if (payload instanceof SubsidyApplied e) {
                applicationStatus.put(e.programId() + "/" + e.applicationId(), "APPLIED");
            } else if (payload instanceof SubsidyGranted e) {
                applicationStatus.put(e.programId() + "/" + e.applicationId(), "APPROVED");
            } else if (payload instanceof SubsidyApplicationRejected e) {
                applicationStatus.put(e.programId() + "/" + e.applicationId(), "REJECTED");
            } else if (payload instanceof SubsidyPaid e) {
                applicationStatus.put(e.programId() + "/" + e.applicationId(), "PAID");
            } else if (payload instanceof ProgramFundingRecorded e) {
                budgetFen.put(e.programId(), e.budgetFen());
            }
        }

        List<String> programs() {
            return List.copyOf(budgetFen.keySet());
        }

        Map<String, Long> applicationsByStatus() {
            Map<String, Long> byStatus = new TreeMap<>();
            applicationStatus.values().forEach(status -> byStatus.merge(status, 1L, Long::sum));
            return byStatus;
        }

        String applicationIn(String status) {
            return applicationStatus.entrySet().stream().filter(e -> status.equals(e.getValue()))
                    .map(Map.Entry::getKey).findFirst()
                    .orElseThrow(() -> new AssertionError("the tiny year has no application " + status));
        }

        List<String> allocations() {
            return List.copyOf(allocations);
        }

        long countOf(String aggregateId, Class<?> payloadType) {
            return eventsByAggregateAndType.getOrDefault(aggregateId + " " + payloadType.getName(), 0L);
        }

        Map<String, Long> grantsByStatus() {
            Map<String, Long> byStatus = new TreeMap<>();
            grantStatus.values().forEach(status -> byStatus.merge(status, 1L, Long::sum));
            return byStatus;
        }

        String grantIn(String status) {
            return grantStatus.entrySet().stream().filter(e -> status.equals(e.getValue())).map(Map.Entry::getKey)
                    .findFirst().orElseThrow(() -> new AssertionError("the tiny year has no grant " + status));
        }

        long paidClaims() {
            return claimStatus.values().stream().filter("PAID"::equals).count();
        }

        long paidFen() {
            return claimStatus.entrySet().stream().filter(e -> "PAID".equals(e.getValue()))
                    .mapToLong(e -> claimPaidFen.get(e.getKey())).sum();
        }

        String claimIn(String status) {
            return claimStatus.entrySet().stream().filter(e -> status.equals(e.getValue())).map(Map.Entry::getKey)
                    .findFirst().orElseThrow(() -> new AssertionError("the tiny year has no claim " + status));
        }
    }

    /** A fund's money as fund_balance keeps it. */
    private static final class Money {

        long inFen;
        long outFen;
        long reservedFen;

        void add(Object payload) {
            if (payload instanceof ContributionRecorded e) {
                inFen += e.amountFen();
            } else if (payload instanceof FundsReserved e) {
                reservedFen += e.amountFen();
            } else if (payload instanceof ReservationDisbursed e) {
                reservedFen -= e.amountFen();
                outFen += e.amountFen();
            } else if (payload instanceof ReservationReleased e) {
                reservedFen -= e.amountFen();
            } else if (payload instanceof PaymentReturned e) {
                outFen -= e.amountFen();
            }
        }
    }
}
