package org.unionledger.projections.hardship;

import java.time.LocalDate;
import java.util.List;

/** Counts of the filtered register (active = not exited) and its first rows, ordered by case id. */
public record HardshipRegisterView(int active, int exited, int total, List<Entry> cases) {

    public record Entry(String caseId, String memberId, String orgId, String status, List<String> causes,
                        boolean deepHardship, LocalDate registeredOn, LocalDate exitedOn, String exitReason) {
    }
}
