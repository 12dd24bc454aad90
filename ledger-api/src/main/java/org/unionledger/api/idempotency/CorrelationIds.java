package org.unionledger.api.idempotency;

import java.util.Optional;

import org.slf4j.MDC;

/** The correlation id of the request being served, put in the log context by a filter. */
public final class CorrelationIds {

    public static final String MDC_KEY = "correlationId";
    public static final String HEADER = "X-Correlation-Id";

    private CorrelationIds() {
    }

    public static Optional<String> current() {
        return Optional.ofNullable(MDC.get(MDC_KEY));
    }
}
