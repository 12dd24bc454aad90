package org.unionledger.api.claim;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.unionledger.api.bench.CityYear;
import org.unionledger.api.bench.CityYearPart;
import org.unionledger.api.pool.EnrolmentsCityYearPart;
import org.unionledger.core.claim.BenefitCalculator;
import org.unionledger.core.claim.BenefitRule;
import org.unionledger.core.claim.ClaimCosts;
import org.unionledger.core.claim.ClaimDocument;
import org.unionledger.core.claim.ClaimEvents.ClaimApproved;
import org.unionledger.core.claim.ClaimEvents.ClaimAwaitingFunds;
import org.unionledger.core.claim.ClaimEvents.ClaimCancelled;
import org.unionledger.core.claim.ClaimEvents.ClaimDocumentsAdded;
import org.unionledger.core.claim.ClaimEvents.ClaimKeyRegistered;
import org.unionledger.core.claim.ClaimEvents.ClaimPaid;
import org.unionledger.core.claim.ClaimEvents.ClaimPaymentReturned;
import org.unionledger.core.claim.ClaimEvents.ClaimPayoutReserved;
import org.unionledger.core.claim.ClaimEvents.ClaimRejected;
import org.unionledger.core.claim.ClaimEvents.ClaimReturned;
import org.unionledger.core.claim.ClaimEvents.ClaimSubmitted;
import org.unionledger.core.claim.ClaimIds;
import org.unionledger.core.claim.DocumentKind;
import org.unionledger.core.fund.FundEvents.FundsReserved;
import org.unionledger.core.fund.FundEvents.PaymentReturned;
import org.unionledger.core.fund.FundEvents.ReservationDisbursed;
import org.unionledger.core.fund.ReservationPurpose;
import org.unionledger.core.pool.CoverageEvents.BenefitConsumed;
import org.unionledger.core.pool.CoverageEvents.CoverageEnrolled;
import org.unionledger.core.pool.Plan;

/**
 * The city-year's mutual-aid claims (benchmark data, docs/PERFORMANCE.md): about 85,000 claims at
 * scale 1.0 on the coverages the enrolments part shared, 88 in 100 coverages with a claim and one
 * in ten of those (maternity aside) with a second. Each claim's history is exactly what the claim
 * flow ({@link Claims}) stores, step by step: submission with its uniqueness keys, review (a
 * second, different reviewer above the second-approval amount), the benefit consumed on the
 * coverage and the payout held on the pool's fund, then paid. Most claims end paid; some were
 * rejected, withdrawn, returned for a missing document first, approved for less, or paid twice
 * because the bank returned the first payment. The last claim on a coverage may still wait for
 * review or for its payment: real work left for the ledger, which no process manager picks up (no
 * policy reacts to claim events). A payout the pool's fund could not hold would wait for funds, as the
 * ledger decides; the year's sizes keep the fund well above its payouts.
 *
 * <p>Documents are named by hashes only: their content is not in the document store.
 */
@Component
public class ClaimsCityYearPart implements CityYearPart {

    /** Generated claim ids start with this ("cy2018-m0000001-1"). */
    public static final String CLAIM_ID_PREFIX = "cy2018-";
    /** The ledger's default ledger.claims.second-approval-above-fen, when the year happened. */
    static final long SECOND_APPROVAL_ABOVE_FEN = 500_000;
    static final CityYear.Actor REVIEWER = new CityYear.Actor("reviewer", "CLAIMS_REVIEWER", CityYear.CITY);
    static final CityYear.Actor SECOND_REVIEWER = new CityYear.Actor("reviewer2", "CLAIMS_REVIEWER", CityYear.CITY);
    private static final List<String> REJECTION_CODES = List.of("NOT_COVERED_TREATMENT",
            "OUTSIDE_BASIC_INSURANCE_SCOPE", "DOCUMENTS_DO_NOT_MATCH");
    private static final DateTimeFormatter BANK_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    /** How a claim's history ends. */
    enum Outcome {
        PAID, ADJUSTED_AND_PAID, RETURNED_THEN_PAID, PAYMENT_RETURNED_THEN_PAID, REJECTED, CANCELLED,
        /** Waiting for a reviewer (the last claim on a coverage only). */
        PENDING_REVIEW,
        /** Approved, the payout held, not paid yet (the last claim on a coverage only). */
        PAYOUT_RESERVED
    }

    @Override
    public String name() {
        return "claims";
    }

    @Override
    public List<String> requires() {
        return List.of("enrolments");
    }

    @Override
    public void generate(CityYear year, SplittableRandom random, CityYear.Events events) {
        Run run = new Run(random, events);
        for (CoverageEnrolled coverage : events.shared(CoverageEnrolled.class)) {
            Plan plan = EnrolmentsCityYearPart.plan(coverage.planCode());
            int claims = random.nextInt(100) < 88 ? 1 : 0;
            if (claims == 1 && plan.fixedBenefitFen() == 0 && random.nextInt(100) < 10) {
                claims = 2;
            }
            run.claims(coverage, plan, claims);
        }
    }

    /**
     * Members were told of each step when it happened: the notices the outbox projection wrote for
     * the loaded claims are marked sent, so the ledger does not send a year of notices again.
     */
    @Override
    public void loaded(JdbcTemplate jdbc) {
        jdbc.update("UPDATE claim_notification_outbox SET sent_at = created_at WHERE sent_at IS NULL "
                + "AND claim_id LIKE '" + CLAIM_ID_PREFIX + "%'");
    }

    /** One generation: the random source, the running numbers and each coverage's benefit used. */
    private static final class Run {

        private final SplittableRandom random;
        private final CityYear.Events events;
        private long invoices;
        private long payments;

        Run(SplittableRandom random, CityYear.Events events) {
            this.random = random;
            this.events = events;
        }

        /** A coverage's claims, one after another, each in its own slice of the eligible days. */
        void claims(CoverageEnrolled coverage, Plan plan, int count) {
            long eligibleDays = ChronoUnit.DAYS.between(coverage.benefitsFrom(), coverage.periodEndDate()) + 1;
            long sliceDays = eligibleDays / Math.max(1, count);
            long usedFen = 0;
            for (int n = 0; n < count && sliceDays > 0; n++) {
                LocalDate eventDate = coverage.benefitsFrom().plusDays(n * sliceDays + random.nextLong(sliceDays));
                usedFen += claim(coverage, plan, n + 1, eventDate, usedFen, n == count - 1);
            }
        }

        /** One claim's history; answers the benefit it consumed on the coverage. */
        private long claim(CoverageEnrolled coverage, Plan plan, int number, LocalDate eventDate, long usedFen,
                           boolean coveragesLast) {
            BenefitRule rule = BenefitRule.of(plan);
            ClaimCosts costs = costs(plan);
            long remainingCapFen = coverage.benefitCapFen() == 0 ? BenefitCalculator.UNCAPPED
                    : Math.max(0, coverage.benefitCapFen() - usedFen);
            BenefitCalculator.Benefit benefit = BenefitCalculator.calculate(rule, costs, remainingCapFen);
            if (benefit.benefitFen() == 0) {
                // The ledger refuses a claim worth nothing (CLAIM_MUST_BE_WORTH_A_BENEFIT): never submitted.
                return 0;
            }
            Outcome outcome = outcome(coveragesLast);
            String claimId = CLAIM_ID_PREFIX + coverage.memberId() + "-" + number;
            CityYear.Actor member = CityYear.Actor.member(coverage.memberId(), coverage.orgId());
            boolean fixed = rule.isFixed();
            LocalDate discharge = fixed ? null : eventDate.plusDays(stayDays(plan));
            List<DocumentKind> kinds = documentKinds(fixed, outcome == Outcome.RETURNED_THEN_PAID);
            submit(coverage, claimId, member, fixed, eventDate, discharge, costs, rule, benefit, kinds);
            Submitted claim = new Submitted(coverage, claimId, member, benefit.benefitFen());
            LocalDate decided = fixed ? eventDate.plusDays(7 + random.nextInt(20))
                    : discharge.plusDays(2 + random.nextInt(15));
            return review(claim, outcome, decided, usedFen);
        }

        /** What happened to a submitted claim; answers the benefit it consumed on the coverage. */
        private long review(Submitted claim, Outcome outcome, LocalDate decided, long usedFen) {
            String claimId = claim.claimId();
            String memberId = claim.coverage().memberId();
            switch (outcome) {
                case PENDING_REVIEW -> {
                    return 0;
                }
                case REJECTED -> {
                    events.emit("Claim", claimId, new ClaimRejected(claimId, memberId,
                            REJECTION_CODES.get(random.nextInt(REJECTION_CODES.size())), null, REVIEWER.principal()),
                            REVIEWER, step(claimId, "rejection"));
                    return 0;
                }
                case CANCELLED -> {
                    events.emit("Claim", claimId, new ClaimCancelled(claimId, memberId, "withdrawn by the member",
                            null, claim.member().principal()), claim.member(), step(claimId, "cancellation"));
                    return 0;
                }
                case RETURNED_THEN_PAID -> {
                    returnForDischargeSummary(claim);
                    decided = decided.plusDays(7 + random.nextInt(14));
                }
                default -> {
                }
            }
            boolean adjusted = outcome == Outcome.ADJUSTED_AND_PAID;
            long approvedFen = adjusted ? Math.max(1, claim.calculatedBenefitFen() * 9 / 10)
                    : claim.calculatedBenefitFen();
            if (!approve(claim, approvedFen, adjusted, usedFen) || outcome == Outcome.PAYOUT_RESERVED) {
                return approvedFen;
            }
            LocalDate paidOn = decided.plusDays(1 + random.nextInt(2));
            pay(claim, approvedFen, 1, paidOn);
            if (outcome == Outcome.PAYMENT_RETURNED_THEN_PAID) {
                LocalDate returnedOn = paidOn.plusDays(2 + random.nextInt(4));
                paymentReturned(claim, approvedFen, returnedOn);
                pay(claim, approvedFen, 2, returnedOn.plusDays(1 + random.nextInt(3)));
            }
            return approvedFen;
        }

        private Outcome outcome(boolean coveragesLast) {
            int draw = random.nextInt(1_000);
            if (coveragesLast && draw < 30) {
                return Outcome.PENDING_REVIEW;
            }
            if (coveragesLast && draw < 40) {
                return Outcome.PAYOUT_RESERVED;
            }
            if (draw >= 40 && draw < 80) {
                return Outcome.REJECTED;
            }
            if (draw >= 80 && draw < 90) {
                return Outcome.CANCELLED;
            }
            if (draw >= 90 && draw < 120) {
                return Outcome.RETURNED_THEN_PAID;
            }
            if (draw >= 120 && draw < 140) {
                return Outcome.ADJUSTED_AND_PAID;
            }
            if (draw >= 140 && draw < 143) {
                return Outcome.PAYMENT_RETURNED_THEN_PAID;
            }
            return Outcome.PAID;
        }

        /** What {@link Claims#submit} stores: the claim, then its invoice key and, for a birth, its birth key. */
        private void submit(CoverageEnrolled coverage, String claimId, CityYear.Actor member, boolean fixed,
                            LocalDate eventDate, LocalDate discharge, ClaimCosts costs, BenefitRule rule,
                            BenefitCalculator.Benefit benefit, List<DocumentKind> kinds) {
            String invoiceNumber = "FP" + eventDate.getYear() + String.format("%08d", ++invoices);
            String step = step(claimId, "submission");
            events.emit("Claim", claimId, new ClaimSubmitted(claimId, coverage.poolId(), coverage.poolFundId(),
                    coverage.coverageId(), coverage.memberId(), coverage.orgId(), coverage.planCode(),
                    coverage.periodId(), fixed ? null : eventDate, discharge, fixed ? eventDate : null,
                    costs.totalCostFen(), costs.insideScopeFen(), costs.basicInsurancePaidFen(), invoiceNumber,
                    documents(kinds), rule, benefit.benefitFen(), benefit.limitedBy(), member.principal()),
                    member, step);
            String invoiceKey = ClaimIds.invoiceKey(invoiceNumber);
            events.emit("ClaimKeyRegistration", invoiceKey, new ClaimKeyRegistered(invoiceKey, claimId), member, step);
            if (fixed) {
                String birthKey = ClaimIds.birthKey(coverage.memberId(), eventDate);
                events.emit("ClaimKeyRegistration", birthKey, new ClaimKeyRegistered(birthKey, claimId), member, step);
            }
        }

        /** A reviewer sends the claim back for the discharge summary; the member adds it (resubmitted). */
        private void returnForDischargeSummary(Submitted claim) {
            String memberId = claim.coverage().memberId();
            events.emit("Claim", claim.claimId(), new ClaimReturned(claim.claimId(), memberId,
                    List.of(DocumentKind.DISCHARGE_SUMMARY), "the discharge summary is missing",
                    REVIEWER.principal()), REVIEWER, step(claim.claimId(), "return"));
            events.emit("Claim", claim.claimId(), new ClaimDocumentsAdded(claim.claimId(), memberId,
                    documents(List.of(DocumentKind.DISCHARGE_SUMMARY)), true, claim.member().principal()),
                    claim.member(), step(claim.claimId(), "documents"));
        }

        /**
         * What {@link Claims#approve} stores. Above the second-approval amount a first reviewer
         * approves, then a second one finally. A final approval holds the payout (claim, coverage,
         * fund, in that order) or, when the pool's fund cannot hold it, records that the claim waits
         * for funds. Answers whether the payout is held.
         */
        private boolean approve(Submitted claim, long approvedFen, boolean adjusted, long usedFen) {
            String claimId = claim.claimId();
            String memberId = claim.coverage().memberId();
            String reason = adjusted ? "an invoice item is outside the plan's scope" : null;
            CityYear.Actor finalReviewer = REVIEWER;
            if (approvedFen > SECOND_APPROVAL_ABOVE_FEN) {
                events.emit("Claim", claimId, new ClaimApproved(claimId, memberId, approvedFen,
                        claim.calculatedBenefitFen(), reason, REVIEWER.principal(), false), REVIEWER,
                        step(claimId, "first-approval"));
                finalReviewer = SECOND_REVIEWER;
                reason = null;
            }
            String step = step(claimId, "approval");
            String fundId = claim.coverage().poolFundId();
            String coverageId = claim.coverage().coverageId();
            events.emit("Claim", claimId, new ClaimApproved(claimId, memberId, approvedFen,
                    claim.calculatedBenefitFen(), reason, finalReviewer.principal(), true), finalReviewer, step);
            boolean fundCovers = events.availableFen(fundId) >= approvedFen;
            String reservationId = ClaimIds.reservationId(claimId, 1);
            if (fundCovers) {
                events.emit("Claim", claimId, new ClaimPayoutReserved(claimId, memberId, fundId, reservationId,
                        approvedFen), finalReviewer, step);
            } else {
                events.emit("Claim", claimId, new ClaimAwaitingFunds(claimId, memberId, approvedFen,
                        Claims.BALANCE_MUST_COVER_RESERVATION), finalReviewer, step);
            }
            events.emit("Coverage", coverageId, new BenefitConsumed(coverageId, claimId, approvedFen,
                    usedFen + approvedFen), finalReviewer, step);
            if (fundCovers) {
                events.emit("Fund", fundId, new FundsReserved(fundId, CityYear.CITY, reservationId, approvedFen,
                        ReservationPurpose.CLAIM_PAYOUT, claimId), finalReviewer, step);
            }
            return fundCovers;
        }

        /** What {@link Claims#pay} stores: the claim paid, then its reservation disbursed. */
        private void pay(Submitted claim, long amountFen, int attempt, LocalDate paidOn) {
            String claimId = claim.claimId();
            String fundId = claim.coverage().poolFundId();
            String reservationId = ClaimIds.reservationId(claimId, attempt);
            String paymentReference = "BK" + BANK_DATE.format(paidOn) + String.format("%07d", ++payments);
            String step = step(claimId, "payment-" + attempt);
            events.emit("Claim", claimId, new ClaimPaid(claimId, claim.coverage().memberId(), fundId, reservationId,
                    amountFen, paymentReference, paidOn, CityYear.Actor.FINANCE.principal()), CityYear.Actor.FINANCE,
                    step);
            events.emit("Fund", fundId, new ReservationDisbursed(fundId, CityYear.CITY, reservationId, amountFen,
                    ReservationPurpose.CLAIM_PAYOUT, claimId, paymentReference, paidOn), CityYear.Actor.FINANCE, step);
        }

        /**
         * What {@link Claims#paymentReturned} stores: the claim's payment returned and its payout
         * held again under the next reservation id, the money back on the fund and held again.
         */
        private void paymentReturned(Submitted claim, long amountFen, LocalDate returnedOn) {
            String claimId = claim.claimId();
            String memberId = claim.coverage().memberId();
            String fundId = claim.coverage().poolFundId();
            String returned = ClaimIds.reservationId(claimId, 1);
            String next = ClaimIds.reservationId(claimId, 2);
            String bankReference = "RT" + BANK_DATE.format(returnedOn) + String.format("%07d", payments);
            String step = step(claimId, "payment-returned");
            CityYear.Actor finance = CityYear.Actor.FINANCE;
            events.emit("Claim", claimId, new ClaimPaymentReturned(claimId, memberId, fundId, returned, amountFen,
                    bankReference, returnedOn, next), finance, step);
            events.emit("Claim", claimId, new ClaimPayoutReserved(claimId, memberId, fundId, next, amountFen),
                    finance, step);
            events.emit("Fund", fundId, new PaymentReturned(fundId, CityYear.CITY, returned, amountFen,
                    ReservationPurpose.CLAIM_PAYOUT, claimId, bankReference, returnedOn), finance, step);
            events.emit("Fund", fundId, new FundsReserved(fundId, CityYear.CITY, next, amountFen,
                    ReservationPurpose.CLAIM_PAYOUT, claimId), finance, step);
        }

        /**
         * The settlement invoice's figures. Built from what the member carries (the reimbursable
         * part): mostly small bills, a thin tail of large ones (at most the plan's caps apply).
         */
        private ClaimCosts costs(Plan plan) {
            if (plan.fixedBenefitFen() > 0) {
                return new ClaimCosts(0, 0, 0);
            }
            long aboveDeductibleFen = switch (plan.code()) {
                case "INPATIENT" -> tail(5) ? 1_000_000 + random.nextLong(3_000_000) : 2_000 + cubic(100_000);
                case "ACCIDENT" -> tail(3) ? 500_000 + random.nextLong(1_500_000) : 1_000 + cubic(60_000);
                default -> 50_000 + cubic(1_000_000);
            };
            long reimbursableFen = plan.deductibleFen() + aboveDeductibleFen;
            // Basic insurance paid 60% to 85% of the in-scope cost; 5% to 40% of the bill is out of scope.
            long basicPaidFen = reimbursableFen * (150 + random.nextInt(417)) / 100;
            long insideScopeFen = reimbursableFen + basicPaidFen;
            long totalFen = insideScopeFen * (105 + random.nextInt(36)) / 100;
            return new ClaimCosts(totalFen, insideScopeFen, basicPaidFen).validated();
        }

        /** True for {@code perThousand} draws in 1,000. */
        private boolean tail(int perThousand) {
            return random.nextInt(1_000) < perThousand;
        }

        /** 0 to {@code max}, most draws small (the cube of a uniform draw). */
        private long cubic(long max) {
            double draw = random.nextDouble();
            return (long) (draw * draw * draw * max);
        }

        private int stayDays(Plan plan) {
            return switch (plan.code()) {
                case "INPATIENT" -> 2 + random.nextInt(19);
                case "ACCIDENT" -> random.nextInt(8);
                default -> 5 + random.nextInt(26);
            };
        }

        private static List<DocumentKind> documentKinds(boolean fixed, boolean dischargeSummaryMissing) {
            if (fixed) {
                // The birth certificate is filed as OTHER.
                return List.of(DocumentKind.APPLICATION_FORM, DocumentKind.ID_CARD, DocumentKind.OTHER,
                        DocumentKind.INVOICE);
            }
            return dischargeSummaryMissing
                    ? List.of(DocumentKind.APPLICATION_FORM, DocumentKind.ID_CARD, DocumentKind.INVOICE)
                    : List.of(DocumentKind.APPLICATION_FORM, DocumentKind.ID_CARD, DocumentKind.DISCHARGE_SUMMARY,
                            DocumentKind.INVOICE);
        }

        private List<ClaimDocument> documents(List<DocumentKind> kinds) {
            List<ClaimDocument> documents = new ArrayList<>(kinds.size());
            for (DocumentKind kind : kinds) {
                String sha256 = String.format("%016x%016x%016x%016x", random.nextLong(), random.nextLong(),
                        random.nextLong(), random.nextLong());
                documents.add(new ClaimDocument(sha256, kind, 20_000 + random.nextInt(2_000_000),
                        kind == DocumentKind.ID_CARD ? "image/jpeg" : "application/pdf").validated());
            }
            return List.copyOf(documents);
        }

        private static String step(String claimId, String what) {
            return "city-year:" + claimId + ":" + what;
        }
    }

    /** A submitted claim: what the later steps need. */
    private record Submitted(CoverageEnrolled coverage, String claimId, CityYear.Actor member,
                             long calculatedBenefitFen) {
    }
}
