/**
 * Inclusive-benefit subsidy programs: budget by funding source, per-person amount, eligibility,
 * one grant per member, maker-checker approval, payment in cash or as a voucher.
 */
package org.unionledger.core.subsidy;
