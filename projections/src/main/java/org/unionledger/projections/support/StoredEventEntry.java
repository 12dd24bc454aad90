package org.unionledger.projections.support;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;

/**
 * An event as read from Axon's JDBC event store, whose timestamp is parsed once and quickly. Axon
 * stores timestamps as text, {@code 2026-12-02T08:30:00.123Z} (its {@code DateTimeUtils.formatInstant}),
 * and its entry parses that text with a general ISO-8601 parser every time it is asked: once for the
 * reader's gap check and once for the message, for every event and every reader. That was about a
 * tenth of a replaying processor's CPU (docs/PERFORMANCE.md, setting 49). Text in any other form
 * (another offset, no milliseconds, a year past 9999) goes to Axon's parser, which also reports what
 * is wrong with text that is no timestamp at all.
 */
final class StoredEventEntry<T> extends GenericDomainEventEntry<T> {

    private static final int LENGTH = "2026-12-02T08:30:00.123Z".length();
    private static final long SECONDS_PER_DAY = 86_400;

    private final String storedTimestamp;
    private volatile Instant timestamp;

    StoredEventEntry(String type, String aggregateIdentifier, long sequenceNumber, String eventIdentifier,
                     Object timestamp, String payloadType, String payloadRevision, T payload, T metaData) {
        super(type, aggregateIdentifier, sequenceNumber, eventIdentifier, timestamp, payloadType, payloadRevision,
                payload, metaData);
        this.storedTimestamp = timestamp.toString();
    }

    @Override
    public Instant getTimestamp() {
        Instant parsed = timestamp;
        if (parsed == null) {
            parsed = parse(storedTimestamp);
            timestamp = parsed;
        }
        return parsed;
    }

    /** The instant of {@code text}: Axon's own form quickly, any other through Axon's parser. */
    static Instant parse(String text) {
        Instant quick = text.length() == LENGTH ? quickly(text) : null;
        return quick != null ? quick : DateTimeUtils.parseInstant(text);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss.SSSZ}, or null for any other text or an impossible date or time. */
    private static Instant quickly(String text) {
        if (text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
                || text.charAt(16) != ':' || text.charAt(19) != '.' || text.charAt(23) != 'Z') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int millis = digits(text, 20, 3);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || millis < 0) {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException impossibleDate) {
            return null;
        }
        return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3_600L + minute * 60L + second,
                millis * 1_000_000L);
    }

    /** The number written by {@code count} ASCII digits from {@code from}, or -1 if any is no digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
