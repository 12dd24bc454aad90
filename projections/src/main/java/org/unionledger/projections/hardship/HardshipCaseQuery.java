package org.unionledger.projections.hardship;

/** One household's case; answered with a {@link HardshipCaseView}, or null when unknown. */
public record HardshipCaseQuery(String caseId) {
}
