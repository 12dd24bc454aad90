package org.unionledger.core.claim;

/** The documents a claim is made of. */
public enum DocumentKind {
    APPLICATION_FORM,
    ID_CARD,
    DISCHARGE_SUMMARY,
    INVOICE,
    OTHER
}
