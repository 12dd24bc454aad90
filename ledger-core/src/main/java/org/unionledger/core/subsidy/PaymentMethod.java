package org.unionledger.core.subsidy;

/** How a grant reaches the member. */
public enum PaymentMethod {
    CASH,
    VOUCHER
}
