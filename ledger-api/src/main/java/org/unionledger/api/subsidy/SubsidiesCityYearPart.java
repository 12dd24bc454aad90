package org.unionledger.api.subsidy;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.springframework.stereotype.Component;
import org.unionledger.api.bench.CityYear;
import org.unionledger.api.bench.CityYearPart;
import org.unionledger.core.fund.FundEvents.ContributionRecorded;
import org.unionledger.core.fund.FundEvents.FundOpened;
import org.unionledger.core.fund.FundEvents.FundsReserved;
import org.unionledger.core.fund.FundEvents.ReservationDisbursed;
import org.unionledger.core.fund.FundType;
import org.unionledger.core.fund.PayerType;
import org.unionledger.core.fund.ReservationPurpose;
import org.unionledger.core.subsidy.AmountRule;
import org.unionledger.core.subsidy.EligibilityCriterion;
import org.unionledger.core.subsidy.FundingSource;
import org.unionledger.core.subsidy.PaymentMethod;
import org.unionledger.core.subsidy.SubsidyEvents.ProgramFundingRecorded;
import org.unionledger.core.subsidy.SubsidyEvents.SubsidyApplicationRejected;
import org.unionledger.core.subsidy.SubsidyEvents.SubsidyApplied;
import org.unionledger.core.subsidy.SubsidyEvents.SubsidyGranted;
import org.unionledger.core.subsidy.SubsidyEvents.SubsidyPaid;
import org.unionledger.core.subsidy.SubsidyEvents.SubsidyProgramLaunched;
import org.unionledger.core.subsidy.SubsidyProgram;

/**
 * The city-year's inclusive-benefit subsidy programs (benchmark data, docs/PERFORMANCE.md), from
 * the unions' reports: a 2,500-yuan tuition subsidy (959 workers at scale 1.0), free health checks
 * (5,000) and recuperation trips for frontline workers (800, up to 2,000 yuan each), each launched
 * by the city with its SUBSIDY fund and funded by source (union money and the matching money it
 * leverages: enterprises, the government). Each step is what the ledger stores: a contribution
 * into the program's fund and the budget the subsidy policy records for it; an application
 * recorded by a case worker and decided by a reviewer; a grant's money reserved by the policy;
 * the grant paid and the reservation disbursed by the policy. The policy handles the loaded
 * events once more and finds every step done.
 *
 * <p>Each program ends the year with its last application waiting for a decision and the one
 * before it approved but not paid; about 3 in 100 applications were rejected.
 */
@Component
public class SubsidiesCityYearPart implements CityYearPart {

    static final CityYear.Actor RECORDER = new CityYear.Actor("caseworker", "CASE_WORKER", CityYear.CITY);
    static final CityYear.Actor DECIDER = new CityYear.Actor("reviewer", "CLAIMS_REVIEWER", CityYear.CITY);
    /** Applications per program at least, so that a tiny year has every step. */
    static final int APPLICATIONS_MIN = 12;

    /** A program of the year and the shares of its money by source, in percent. */
    record Program(String programId, String name, AmountRule rule, long amountPerPersonFen,
                   Set<EligibilityCriterion> criteria, Set<String> courseCodes, int applicantsAtFullScale,
                   LocalDate launchedOn, int unionPercent, int enterprisePercent, int governmentPercent) {
    }

    static final List<Program> PROGRAMS = List.of(
            new Program("tuition-2018", "Tuition subsidy for workers' degrees and certificates", AmountRule.FIXED,
                    250_000, Set.of(EligibilityCriterion.ENROLLED_IN_COURSE), Set.of("ADULT-DEGREE", "VOCATIONAL-CERT"),
                    959, LocalDate.of(2018, 7, 16), 100, 0, 0),
            new Program("health-check-2018", "Free health checks", AmountRule.FIXED, 30_000,
                    Set.of(EligibilityCriterion.MEMBER_OF_ORG_IN_SCOPE), Set.of(), 5_000, LocalDate.of(2018, 9, 3),
                    30, 50, 20),
            new Program("recuperation-2019", "Recuperation trips for frontline workers", AmountRule.CAP, 200_000,
                    Set.of(EligibilityCriterion.FRONTLINE_WORKER), Set.of(), 800, LocalDate.of(2019, 3, 4),
                    40, 0, 60));

    @Override
    public String name() {
        return "subsidies";
    }

    @Override
    public void generate(CityYear year, SplittableRandom random, CityYear.Events events) {
        for (Program program : PROGRAMS) {
            new Run(year, random, events, program).generate();
        }
    }

    /** One program's year. */
    private static final class Run {

        private final CityYear year;
        private final SplittableRandom random;
        private final CityYear.Events events;
        private final Program program;
        private final String fundId;
        private long budgetFen;
        private long committedFen;

        Run(CityYear year, SplittableRandom random, CityYear.Events events, Program program) {
            this.year = year;
            this.random = random;
            this.events = events;
            this.program = program;
            this.fundId = SubsidyProgram.fundIdOf(program.programId());
        }

        void generate() {
            int applications = Math.max(APPLICATIONS_MIN, year.scaled(program.applicantsAtFullScale()));
            launch();
            // The money for every application, and a tenth more: programs are funded before they open.
            long neededFen = Math.multiplyExact(program.amountPerPersonFen(), applications) * 11 / 10;
            fund("union", PayerType.UNION, neededFen * program.unionPercent() / 100);
            fund("enterprises", PayerType.EMPLOYER, neededFen * program.enterprisePercent() / 100);
            fund("government", PayerType.GOVERNMENT, neededFen * program.governmentPercent() / 100);
            Set<Integer> applicants = new HashSet<>();
            for (int n = 0; n < applications; n++) {
                int member;
                do {
                    member = random.nextInt(year.members());
                } while (!applicants.add(member));
                application(n + 1, member, applications - 1 - n);
            }
        }

        /** What POST /subsidy-programs stores: the program, then its fund (two commands). */
        private void launch() {
            String programId = program.programId();
            events.emit("SubsidyProgram", programId, new SubsidyProgramLaunched(programId, CityYear.CITY,
                    program.name(), fundId, program.rule(), program.amountPerPersonFen(), program.criteria(),
                    program.courseCodes()), CityYear.Actor.FINANCE, step("launch"));
            events.emit("Fund", fundId, new FundOpened(fundId, CityYear.CITY, program.name(), FundType.SUBSIDY),
                    CityYear.Actor.FINANCE, step("fund"));
        }

        /** Money received into the program's fund, then recorded as budget by the subsidy policy. */
        private void fund(String source, PayerType payerType, long amountFen) {
            if (amountFen <= 0) {
                return;
            }
            String contributionId = program.programId() + "-" + source;
            String step = step("funding-" + source);
            events.emit("Fund", fundId, new ContributionRecorded(fundId, CityYear.CITY, contributionId, amountFen,
                    payerType, "transfer", program.launchedOn().plusDays(7), "program budget", program.programId()),
                    CityYear.Actor.FINANCE, step);
            budgetFen = Math.addExact(budgetFen, amountFen);
            events.emit("SubsidyProgram", program.programId(), new ProgramFundingRecorded(program.programId(),
                    CityYear.CITY, "contribution:" + contributionId, FundingSource.of(payerType), amountFen,
                    budgetFen), CityYear.Actor.FINANCE, step);
        }

        /**
         * One application's history; {@code after} is how many applications of the program come
         * after it (the last waits for a decision, the one before for its payment).
         */
        private void application(int number, int member, int after) {
            String programId = program.programId();
            String memberId = year.memberId(member);
            String memberOrgId = year.grassrootsOrg(year.grassrootsOf(member));
            String applicationId = "app-" + number;
            String grantId = SubsidyProgram.grantIdOf(programId, memberId);
            long amountFen = program.rule() == AmountRule.FIXED ? program.amountPerPersonFen()
                    : program.amountPerPersonFen() * (40 + random.nextInt(61)) / 100;
            LocalDate appliedOn = program.launchedOn().plusDays(14 + random.nextInt(90));
            events.emit("SubsidyProgram", programId, new SubsidyApplied(programId, applicationId, grantId, memberId,
                    memberOrgId, amountFen, RECORDER.principal()), RECORDER, step(applicationId + ":application"));
            if (after == 0) {
                return;
            }
            if (random.nextInt(100) < 3) {
                events.emit("SubsidyProgram", programId, new SubsidyApplicationRejected(programId, applicationId,
                        grantId, memberId, "the member does not meet the program's conditions", DECIDER.principal()),
                        DECIDER, step(applicationId + ":rejection"));
                return;
            }
            committedFen = Math.addExact(committedFen, amountFen);
            if (committedFen > budgetFen || events.availableFen(fundId) < amountFen) {
                throw new IllegalStateException("program " + programId + " was funded for fewer grants");
            }
            String approval = step(applicationId + ":approval");
            events.emit("SubsidyProgram", programId, new SubsidyGranted(programId, CityYear.CITY, applicationId,
                    grantId, memberId, memberOrgId, amountFen, fundId, DECIDER.principal(), committedFen, budgetFen),
                    DECIDER, approval);
            events.emit("Fund", fundId, new FundsReserved(fundId, CityYear.CITY, grantId, amountFen,
                    ReservationPurpose.SUBSIDY_GRANT, programId), DECIDER, approval);
            if (after == 1) {
                return;
            }
            PaymentMethod method = random.nextInt(100) < 70 ? PaymentMethod.CASH : PaymentMethod.VOUCHER;
            LocalDate paidOn = appliedOn.plusDays(7 + random.nextInt(21));
            String paymentReference = (method == PaymentMethod.CASH ? "BK" : "VC")
                    + paidOn.toString().replace("-", "") + String.format("%06d", number);
            String payment = step(applicationId + ":payment");
            events.emit("SubsidyProgram", programId, new SubsidyPaid(programId, CityYear.CITY, applicationId, grantId,
                    memberId, memberOrgId, amountFen, fundId, method, paymentReference, paidOn),
                    CityYear.Actor.FINANCE, payment);
            events.emit("Fund", fundId, new ReservationDisbursed(fundId, CityYear.CITY, grantId, amountFen,
                    ReservationPurpose.SUBSIDY_GRANT, programId, method + ":" + paymentReference, paidOn),
                    CityYear.Actor.FINANCE, payment);
        }

        private String step(String what) {
            return "city-year:" + program.programId() + ":" + what;
        }
    }
}
