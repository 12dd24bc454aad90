package org.unionledger.projections.fund;

/** The balance of one fund; answered with a {@link FundBalanceView}, or null when the fund is unknown. */
public record FundBalanceQuery(String fundId) {
}
