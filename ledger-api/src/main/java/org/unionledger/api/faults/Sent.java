package org.unionledger.api.faults;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What came of one command after all its attempts (same id, same body). */
final class Sent {

    enum Outcome {
        /** Answered 2xx: the ledger acknowledged it. */
        ACKED,
        /** Refused with 4xx for a rule (e.g. 422): must have changed nothing. */
        REFUSED,
        /** 409 IDEMPOTENCY_KEY_REUSED: the id was used with another body. */
        REUSED,
        /** Gave up (timeouts, connection errors, 5xx): it may or may not have taken effect. */
        UNKNOWN
    }

    final MoneyCommand command;
    /** What this send was for: "load", "dup" (deliberate same-body retry), "reuse", "race", ... */
    final String purpose;
    Outcome outcome;
    int attempts;
    int status;
    String code;
    boolean replayed;
    int serverErrors;
    final List<String> trail = Collections.synchronizedList(new ArrayList<>());

    Sent(MoneyCommand command, String purpose) {
        this.command = command;
        this.purpose = purpose;
    }

    boolean acked() {
        return outcome == Outcome.ACKED;
    }

    @Override
    public String toString() {
        return purpose + " " + command + " -> " + outcome + " " + status + (code != null ? " " + code : "")
                + " after " + attempts + " attempt(s) " + trail;
    }
}
