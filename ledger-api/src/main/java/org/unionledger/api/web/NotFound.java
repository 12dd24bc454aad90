package org.unionledger.api.web;

/** A read asked for something the ledger does not know: answered with 404 and the code. */
public class NotFound extends RuntimeException {

    private final String code;

    public NotFound(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
