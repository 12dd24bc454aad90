package org.unionledger.projections.hardship;

import java.util.List;

/**
 * What the unions report about hardship relief.
 *
 * @param assistance    grants paid, by type, month (yyyy-MM of the payment) and organisation
 * @param raisedBySource money received by the hardship funds, by payer type
 * @param raisedFen     all money received by the hardship funds
 * @param spentFen      grants paid out of them, less payments the bank returned
 * @param exitRates     per year: households exited during it / households active at its start
 */
public record HardshipStatisticsView(List<Assistance> assistance, List<Source> raisedBySource, long raisedFen,
                                     long spentFen, List<ExitRate> exitRates) {

    public record Assistance(String type, String month, String orgId, long count, long amountFen) {
    }

    public record Source(String payerType, long amountFen) {
    }

    /**
     * @param exitRateBasisPoints exited / activeAtStart in hundredths of a percent (9900 = 99%),
     *                            null when no household was active at the start of the year
     */
    public record ExitRate(int year, long activeAtStart, long enteredDuringYear, long exitedDuringYear,
                           Long exitRateBasisPoints) {
    }
}
