package org.unionledger.core.fund;

/**
 * An allocation another fund sent this fund, and whether part of it was clawed back; kept by the
 * fund to answer retried commands and to bound a clawback.
 */
record IncomingAllocation(String allocationId, String sourceFundId, String sourceOrgId, long amountFen,
                          Status status, String clawbackId, long clawedBackFen) {

    enum Status { PENDING, RECEIVED }

    IncomingAllocation received() {
        return new IncomingAllocation(allocationId, sourceFundId, sourceOrgId, amountFen, Status.RECEIVED, clawbackId,
                clawedBackFen);
    }

    IncomingAllocation withClawback(String newClawbackId, long newClawedBackFen) {
        return new IncomingAllocation(allocationId, sourceFundId, sourceOrgId, amountFen, status, newClawbackId,
                newClawedBackFen);
    }
}
