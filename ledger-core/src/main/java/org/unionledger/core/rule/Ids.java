package org.unionledger.core.rule;

import java.util.regex.Pattern;


/** Client-chosen ids: short, printable, safe in URLs and logs. */
public final class Ids {

    /** Letters, digits, dot, dash, underscore and colon; 1 to 100 characters. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private Ids() {
    }

    public static String requireValid(String field, String id) {
        BusinessRuleViolation.require(id != null && VALID.matcher(id).matches(), "ID_MUST_BE_WELL_FORMED",
                field + " must be 1 to 100 letters, digits or . _ : -");
        return id;
    }
}
