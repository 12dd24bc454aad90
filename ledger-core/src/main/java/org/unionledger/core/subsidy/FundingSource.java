package org.unionledger.core.subsidy;

import org.unionledger.core.fund.PayerType;

/** Where a program's money comes from; matching money is what the union money leverages. */
public enum FundingSource {
    UNION,
    GOVERNMENT,
    ENTERPRISE,
    DONOR,
    OTHER;

    public boolean isMatching() {
        return this == GOVERNMENT || this == ENTERPRISE || this == DONOR;
    }

    public static FundingSource of(PayerType payerType) {
        return switch (payerType) {
            case UNION, HIGHER_LEVEL_UNION -> UNION;
            case GOVERNMENT -> GOVERNMENT;
            case EMPLOYER -> ENTERPRISE;
            case DONOR -> DONOR;
            case MEMBER, OTHER -> OTHER;
        };
    }
}
