package org.unionledger.core.pool;

import java.util.List;

import org.unionledger.core.money.Money;

/**
 * The plans every new pool starts with, from the unions' own reports. Inpatient mutual aid's
 * price is not in the reports: 30 yuan a share is a placeholder the union can replace by adding
 * its own plan. The claim terms (deductible, reimbursement rate, cap per claim) are placeholders
 * too: inpatient 500 yuan deductible, 50%, at most 20,000 yuan a claim; serious illness 60%;
 * accident 100 yuan deductible, 80%; maternity pays its fixed 600 yuan.
 */
public final class SeedPlans {

    public static final String INPATIENT = "INPATIENT";
    public static final String SERIOUS_ILLNESS = "SERIOUS_ILLNESS";
    public static final String ACCIDENT = "ACCIDENT";
    public static final String MATERNITY = "MATERNITY";

    private SeedPlans() {
    }

    public static List<Plan> all() {
        return List.of(
                new Plan(INPATIENT, "Inpatient mutual aid", Money.ofYuan(30).fen(), 1, 10, 0, 0, 90, false,
                        Money.ofYuan(500).fen(), 5_000, Money.ofYuan(20_000).fen()),
                new Plan(SERIOUS_ILLNESS, "Special serious illness", Money.ofYuan(20).fen(), 1, 10,
                        Money.ofYuan(10_000).fen(), 0, 90, false, 0, 6_000, 0),
                new Plan(ACCIDENT, "Non-work accident", Money.ofYuan(10).fen(), 1, 10, Money.ofYuan(30_000).fen(), 0,
                        0, false, Money.ofYuan(100).fen(), 8_000, 0),
                new Plan(MATERNITY, "Maternity benefit", Money.ofYuan(10).fen(), 1, 1, 0, Money.ofYuan(600).fen(), 0,
                        true));
    }
}
