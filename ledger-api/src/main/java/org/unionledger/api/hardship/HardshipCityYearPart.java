package org.unionledger.api.hardship;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

import org.springframework.stereotype.Component;
import org.unionledger.api.bench.CityYear;
import org.unionledger.api.bench.CityYearPart;
import org.unionledger.core.fund.FundEvents.FundsReserved;
import org.unionledger.core.fund.FundEvents.ReservationDisbursed;
import org.unionledger.core.fund.ReservationPurpose;
import org.unionledger.core.hardship.AssistanceType;
import org.unionledger.core.hardship.ExitReason;
import org.unionledger.core.hardship.HardshipCause;
import org.unionledger.core.hardship.HardshipEvents.AnnualReviewRecorded;
import org.unionledger.core.hardship.HardshipEvents.DeepHardshipFlagged;
import org.unionledger.core.hardship.HardshipEvents.GrantApproved;
import org.unionledger.core.hardship.HardshipEvents.GrantPaid;
import org.unionledger.core.hardship.HardshipEvents.GrantProposed;
import org.unionledger.core.hardship.HardshipEvents.GrantRejected;
import org.unionledger.core.hardship.HardshipEvents.GrantReserved;
import org.unionledger.core.hardship.HardshipEvents.HardshipCaseRegistered;
import org.unionledger.core.hardship.HardshipEvents.HardshipCaseVerified;
import org.unionledger.core.hardship.HardshipEvents.HardshipExited;
import org.unionledger.core.hardship.HardshipEvents.VerificationCheckRecorded;
import org.unionledger.core.hardship.HardshipGrants;
import org.unionledger.core.hardship.InKindGoods;

/**
 * The city-year's hardship households (benchmark data, docs/PERFORMANCE.md): 400 cases at scale
 * 1.0 (at least one per district), each registered, checked by every required department (a few
 * failing a check first) and verified, with the year's assistance from its district's hardship
 * fund: festival condolences, quarterly living allowances, medical aid, an education grant,
 * employment aid, a winter coat. Each grant's history is what the ledger stores: proposed by one
 * case worker, approved by another, the money reserved on the fund and the case told (the grant
 * policy's two steps), paid by finance and the case told again. The grant policy handles these
 * events once more when they are loaded and finds nothing left to do (the fund knows every
 * reservation; the case knows every grant's state).
 *
 * <p>A case worker proposes only what the district's fund can pay and what the yearly caps allow:
 * no grant waits for funds (the policy would reserve it at load time, with the fund of today).
 * Some cases are still being checked at the year's end, some have a grant waiting for approval
 * or for payment, some grants were rejected, about a quarter of households left hardship.
 */
@Component
public class HardshipCityYearPart implements CityYearPart {

    /** Generated case ids start with this ("hc2018-m0000123"). */
    public static final String CASE_ID_PREFIX = "hc2018-";
    static final int CASES_AT_FULL_SCALE = 400;
    static final CityYear.Actor CASE_WORKER = new CityYear.Actor("caseworker", "CASE_WORKER", CityYear.CITY);
    static final CityYear.Actor SECOND_CASE_WORKER = new CityYear.Actor("caseworker2", "CASE_WORKER", CityYear.CITY);
    private static final List<HardshipCause> CAUSES = List.of(HardshipCause.SERIOUS_ILLNESS, HardshipCause.DISABILITY,
            HardshipCause.UNEMPLOYMENT, HardshipCause.CHILDREN_EDUCATION_COSTS, HardshipCause.ACCIDENT);
    private static final List<ExitReason> EXIT_REASONS = List.of(ExitReason.INCOME_ABOVE_THRESHOLD,
            ExitReason.EMPLOYMENT_FOUND, ExitReason.HEALTH_RECOVERED);
    private static final LocalDate MID_AUTUMN = LocalDate.of(2018, 9, 17);
    private static final LocalDate WINTER = LocalDate.of(2018, 12, 3);
    private static final LocalDate SPRING_FESTIVAL = LocalDate.of(2019, 1, 28);
    private static final List<LocalDate> QUARTERS = List.of(LocalDate.of(2018, 10, 8), LocalDate.of(2019, 1, 7),
            LocalDate.of(2019, 4, 8));
    private static final List<LocalDate> TERMS = List.of(LocalDate.of(2018, 9, 3), LocalDate.of(2019, 2, 25));

    private final HardshipProperties properties;

    public HardshipCityYearPart(HardshipProperties properties) {
        this.properties = properties;
    }

    @Override
    public String name() {
        return "hardship";
    }

    @Override
    public void generate(CityYear year, SplittableRandom random, CityYear.Events events) {
        int cases = Math.max(CityYear.DISTRICTS, year.scaled(CASES_AT_FULL_SCALE));
        Set<Integer> members = new HashSet<>();
        Run run = new Run(year, random, events);
        for (int n = 0; n < cases; n++) {
            int member;
            do {
                member = n < CityYear.DISTRICTS ? memberOfDistrict(year, random, n) : random.nextInt(year.members());
            } while (!members.add(member));
            run.household(member);
        }
    }

    /** A member of district {@code district}, so that every district's fund has a household to help. */
    private static int memberOfDistrict(CityYear year, SplittableRandom random, int district) {
        while (true) {
            int member = random.nextInt(year.members());
            if (year.districtOf(year.grassrootsOf(member)) == district) {
                return member;
            }
        }
    }

    /** One generation: what each case has been granted, per type and calendar year (the caps). */
    private final class Run {

        private final CityYear year;
        private final SplittableRandom random;
        private final CityYear.Events events;
        private long payments;

        Run(CityYear year, SplittableRandom random, CityYear.Events events) {
            this.year = year;
            this.random = random;
            this.events = events;
        }

        void household(int member) {
            String memberId = year.memberId(member);
            int grassroots = year.grassrootsOf(member);
            String orgId = year.grassrootsOrg(grassroots);
            String fundId = year.districtOrg(year.districtOf(grassroots)) + "-hardship";
            String fundOrgId = year.districtOrg(year.districtOf(grassroots));
            String caseId = CASE_ID_PREFIX + memberId;
            Set<HardshipCause> causes = new TreeSet<>();
            causes.add(CAUSES.get(random.nextInt(CAUSES.size())));
            if (random.nextInt(100) < 30) {
                causes.add(CAUSES.get(random.nextInt(CAUSES.size())));
            }
            List<String> checks = List.copyOf(new LinkedHashSet<>(properties.requiredChecksFor(orgId)));
            Map<AssistanceType, Long> caps = new EnumMap<>(AssistanceType.class);
            caps.putAll(properties.yearlyCapsFen());
            LocalDate registeredOn = CityYear.PERIOD_START.plusDays(random.nextInt(200));
            events.emit("HardshipCase", caseId, new HardshipCaseRegistered(caseId, memberId, orgId,
                    1 + random.nextInt(6), 30_000 + random.nextInt(120_000), List.copyOf(causes), checks, caps,
                    CASE_WORKER.principal(), registeredOn), CASE_WORKER, step(caseId, "registration"));
            LocalDate verifiedOn = verify(caseId, orgId, checks, registeredOn, random.nextInt(100) < 5);
            if (verifiedOn == null) {
                return;
            }
            if (random.nextInt(100) < 10) {
                events.emit("HardshipCase", caseId, new DeepHardshipFlagged(caseId, orgId,
                        "DH" + verifiedOn.getYear() + String.format("%05d", 1 + random.nextInt(99_999)),
                        CASE_WORKER.principal(), verifiedOn.plusDays(5)), CASE_WORKER, step(caseId, "deep-hardship"));
            }
            Case household = new Case(caseId, orgId, fundId, fundOrgId, caps);
            List<Planned> grants = plannedGrants(causes, verifiedOn);
            boolean open = false;
            for (int n = 0; n < grants.size(); n++) {
                open = household.grant("grant-" + (n + 1), grants.get(n), n == grants.size() - 1);
            }
            LocalDate lastDay = grants.isEmpty() ? verifiedOn : grants.get(grants.size() - 1).proposedOn();
            if (registeredOn.getYear() < 2019 && random.nextInt(100) < 50) {
                LocalDate reviewedOn = LocalDate.of(2019, 3, 1).plusDays(random.nextInt(30));
                events.emit("HardshipCase", caseId, new AnnualReviewRecorded(caseId, orgId, 2019,
                        1 + random.nextInt(6), 40_000 + random.nextInt(150_000), "yearly review",
                        CASE_WORKER.principal(), reviewedOn), CASE_WORKER, step(caseId, "review-2019"));
                lastDay = reviewedOn.isAfter(lastDay) ? reviewedOn : lastDay;
            }
            if (!open && random.nextInt(100) < 25) {
                events.emit("HardshipCase", caseId, new HardshipExited(caseId, orgId,
                        EXIT_REASONS.get(random.nextInt(EXIT_REASONS.size())), null, CASE_WORKER.principal(),
                        lastDay.plusDays(20 + random.nextInt(40))), CASE_WORKER, step(caseId, "exit"));
            }
        }

        /**
         * Every required department checks (one in ten households fails one check first and passes
         * it later); the check that completes the set verifies the case in the same command.
         * Answers the day of verification, or null while a check is still missing.
         */
        private LocalDate verify(String caseId, String orgId, List<String> checks, LocalDate registeredOn,
                                 boolean stillChecking) {
            LocalDate day = registeredOn;
            List<String> order = new ArrayList<>(checks);
            int failing = random.nextInt(100) < 10 ? random.nextInt(order.size()) : -1;
            if (failing >= 0) {
                day = day.plusDays(3 + random.nextInt(10));
                events.emit("HardshipCase", caseId, new VerificationCheckRecorded(caseId, orgId, order.get(failing),
                        false, "income not yet confirmed", CASE_WORKER.principal(), day), CASE_WORKER,
                        step(caseId, "check-" + order.get(failing) + "-1"));
                order.add(order.remove(failing));
            }
            int checksDone = stillChecking ? order.size() - 1 : order.size();
            for (int n = 0; n < checksDone; n++) {
                day = day.plusDays(3 + random.nextInt(10));
                String department = order.get(n);
                String step = step(caseId, "check-" + department);
                events.emit("HardshipCase", caseId, new VerificationCheckRecorded(caseId, orgId, department, true,
                        null, CASE_WORKER.principal(), day), CASE_WORKER, step);
                if (n == order.size() - 1) {
                    events.emit("HardshipCase", caseId, new HardshipCaseVerified(caseId, orgId, day), CASE_WORKER,
                            step);
                }
            }
            return stillChecking ? null : day;
        }

        /** The year's assistance for a verified household, in date order. */
        private List<Planned> plannedGrants(Set<HardshipCause> causes, LocalDate verifiedOn) {
            List<Planned> grants = new ArrayList<>();
            grants.add(new Planned(AssistanceType.FESTIVAL_CONDOLENCE, MID_AUTUMN, 50_000, null, null));
            grants.add(new Planned(AssistanceType.IN_KIND_GOODS, WINTER, 0,
                    new InKindGoods("winter coat", 1, 25_000 + 1_000 * random.nextInt(15)), null));
            grants.add(new Planned(AssistanceType.FESTIVAL_CONDOLENCE, SPRING_FESTIVAL, 80_000, null, null));
            for (LocalDate quarter : QUARTERS) {
                grants.add(new Planned(AssistanceType.LIVING_ALLOWANCE, quarter, 60_000 + 1_000 * random.nextInt(41),
                        null, null));
            }
            LocalDate soon = verifiedOn.plusDays(7 + random.nextInt(30));
            if (causes.contains(HardshipCause.SERIOUS_ILLNESS) || causes.contains(HardshipCause.ACCIDENT)) {
                grants.add(new Planned(AssistanceType.MEDICAL_AID, soon, 200_000 + 10_000 * random.nextInt(61), null,
                        null));
            }
            if (causes.contains(HardshipCause.UNEMPLOYMENT)) {
                grants.add(new Planned(AssistanceType.EMPLOYMENT_AID, soon, 50_000 + 10_000 * random.nextInt(16),
                        null, null));
            }
            if (causes.contains(HardshipCause.CHILDREN_EDUCATION_COSTS)) {
                LocalDate term = TERMS.stream().filter(day -> !day.isBefore(verifiedOn)).findFirst().orElse(null);
                if (term != null) {
                    grants.add(new Planned(AssistanceType.EDUCATION_GRANT, term, 100_000 + 10_000 * random.nextInt(21),
                            null, "child-1"));
                }
            }
            grants.removeIf(grant -> grant.proposedOn().isBefore(verifiedOn)
                    || grant.proposedOn().isAfter(CityYear.PERIOD_START.plusDays(CityYear.PERIOD_DAYS - 1)));
            grants.sort(Comparator.comparing(Planned::proposedOn));
            return grants;
        }

        /** One household's grants: what is granted per type and calendar year, against the caps. */
        private final class Case {

            private final String caseId;
            private final String orgId;
            private final String fundId;
            private final String fundOrgId;
            private final Map<AssistanceType, Long> caps;
            private final Map<String, Long> grantedFen = new HashMap<>();

            Case(String caseId, String orgId, String fundId, String fundOrgId, Map<AssistanceType, Long> caps) {
                this.caseId = caseId;
                this.orgId = orgId;
                this.fundId = fundId;
                this.fundOrgId = fundOrgId;
                this.caps = caps;
            }

            /**
             * One grant's history (skipped when the cap or the fund's money would not allow it);
             * answers whether it is left open (waiting for approval or payment).
             */
            boolean grant(String grantId, Planned planned, boolean casesLast) {
                long amountFen = planned.goods() != null ? planned.goods().value().fen() : planned.cashFen();
                int calendarYear = planned.proposedOn().getYear();
                String capKey = planned.type() + ":" + calendarYear;
                Long capFen = caps.get(planned.type());
                if ((capFen != null && grantedFen.getOrDefault(capKey, 0L) + amountFen > capFen)
                        || events.availableFen(fundId) < amountFen) {
                    return false;
                }
                int draw = random.nextInt(100);
                events.emit("HardshipCase", caseId, new GrantProposed(caseId, orgId, grantId, fundId, planned.type(),
                        amountFen, planned.goods(), planned.childId(), null, calendarYear, CASE_WORKER.principal(),
                        planned.proposedOn()), CASE_WORKER, step(caseId, grantId + ":proposal"));
                if (casesLast && draw < 5) {
                    return true;
                }
                LocalDate decidedOn = planned.proposedOn().plusDays(1 + random.nextInt(5));
                if (draw >= 5 && draw < 8) {
                    events.emit("HardshipCase", caseId, new GrantRejected(caseId, orgId, grantId,
                            "assistance of this kind was already given this quarter", SECOND_CASE_WORKER.principal(),
                            decidedOn), SECOND_CASE_WORKER, step(caseId, grantId + ":rejection"));
                    return false;
                }
                approveAndReserve(grantId, planned, amountFen, calendarYear, decidedOn);
                grantedFen.merge(capKey, amountFen, Long::sum);
                if (casesLast && draw >= 8 && draw < 13) {
                    return true;
                }
                pay(grantId, planned, amountFen, decidedOn.plusDays(1 + random.nextInt(7)));
                return false;
            }

            /**
             * The approval, then what the grant policy does with it: the fund reserves the money
             * and the case records it reserved (each step its own transaction, caused by the last).
             */
            private void approveAndReserve(String grantId, Planned planned, long amountFen, int calendarYear,
                                           LocalDate approvedOn) {
                String reservationId = HardshipGrants.reservationId(caseId, grantId);
                String reference = HardshipGrants.reference(caseId, grantId);
                String step = step(caseId, grantId + ":approval");
                events.emit("HardshipCase", caseId, new GrantApproved(caseId, orgId, grantId, fundId, planned.type(),
                        amountFen, calendarYear, reservationId, reference, SECOND_CASE_WORKER.principal(),
                        approvedOn), SECOND_CASE_WORKER, step);
                events.emit("Fund", fundId, new FundsReserved(fundId, fundOrgId, reservationId, amountFen,
                        ReservationPurpose.HARDSHIP_GRANT, reference), SECOND_CASE_WORKER, step);
                events.emit("HardshipCase", caseId, new GrantReserved(caseId, orgId, grantId, fundId, reservationId),
                        SECOND_CASE_WORKER, step);
            }

            /** Finance pays (the fund disburses), then the grant policy tells the case. */
            private void pay(String grantId, Planned planned, long amountFen, LocalDate paidOn) {
                String reservationId = HardshipGrants.reservationId(caseId, grantId);
                String paymentReference = "HB" + paidOn.toString().replace("-", "")
                        + String.format("%06d", ++payments);
                String step = step(caseId, grantId + ":payment");
                events.emit("Fund", fundId, new ReservationDisbursed(fundId, fundOrgId, reservationId, amountFen,
                        ReservationPurpose.HARDSHIP_GRANT, HardshipGrants.reference(caseId, grantId), paymentReference,
                        paidOn), CityYear.Actor.FINANCE, step);
                events.emit("HardshipCase", caseId, new GrantPaid(caseId, orgId, grantId, fundId, planned.type(),
                        amountFen, paymentReference, paidOn), CityYear.Actor.FINANCE, step);
            }
        }
    }

    private static String step(String caseId, String what) {
        return "city-year:" + caseId + ":" + what;
    }

    /** A grant the household is due: cash or goods, on a day. */
    private record Planned(AssistanceType type, LocalDate proposedOn, long cashFen, InKindGoods goods,
                           String childId) {
    }
}
