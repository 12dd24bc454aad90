/**
 * Union funds: an organisation's money, opened once and credited by contributions. The pool,
 * hardship and subsidy aggregates reuse {@link org.unionledger.core.money.FundAccount} for the
 * same two-phase money rules.
 */
package org.unionledger.core.fund;
