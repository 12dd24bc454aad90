package org.unionledger.core.hardship;

/** Why a household is in hardship (致困原因); a case has one or more. */
public enum HardshipCause {
    SERIOUS_ILLNESS,
    DISABILITY,
    UNEMPLOYMENT,
    CHILDREN_EDUCATION_COSTS,
    ACCIDENT,
    DISASTER,
    OTHER
}
