package org.unionledger.projections.subsidy;

/** A program's budget and what it granted and paid; null when unknown. */
public record ProgramUtilisationQuery(String programId) {
}
