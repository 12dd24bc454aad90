package org.unionledger.core.subsidy;

/** How much a person gets: always the fixed amount, or what they ask up to a cap. */
public enum AmountRule {
    FIXED,
    CAP
}
