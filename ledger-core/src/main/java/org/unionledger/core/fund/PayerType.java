package org.unionledger.core.fund;

/** Who paid money into a fund. */
public enum PayerType {
    MEMBER,
    EMPLOYER,
    UNION,
    HIGHER_LEVEL_UNION,
    GOVERNMENT,
    DONOR,
    OTHER
}
