package org.unionledger.projections.support;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.sameInstance;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;

import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

class StoredEventEntryTest {

    @Test
    void readsEveryInstantAxonWritesAsAxonDoes() {
        Random random = new Random(49);
        Instant from = Instant.parse("1970-01-01T00:00:00Z");
        Instant to = Instant.parse("9999-12-31T23:59:59.999Z");
        for (int i = 0; i < 200_000; i++) {
            long millis = from.toEpochMilli() + (long) (random.nextDouble() * (to.toEpochMilli() - from.toEpochMilli()));
            String stored = DateTimeUtils.formatInstant(Instant.ofEpochMilli(millis));
            assertThat(stored, StoredEventEntry.parse(stored), equalTo(DateTimeUtils.parseInstant(stored)));
        }
        for (String edge : new String[] {"2024-02-29T23:59:59.999Z", "2000-01-01T00:00:00.000Z",
                "1969-12-31T23:59:59.999Z", "0001-01-01T00:00:00.000Z"}) {
            assertThat(edge, StoredEventEntry.parse(edge), equalTo(DateTimeUtils.parseInstant(edge)));
        }
    }

    @Test
    void leavesEveryOtherFormToAxonsParser() {
        for (String other : new String[] {"2026-12-02T10:30:00.123+02:00", "2026-12-02T08:30:00Z",
                "2026-12-02T08:30:00.123456Z", "+10000-01-01T00:00:00.000Z", "2026-12-02t08:30:00.123z"}) {
            assertThat(other, StoredEventEntry.parse(other), equalTo(DateTimeUtils.parseInstant(other)));
        }
    }

    @Test
    void anImpossibleTimestampFailsAsWithAxonsParser() {
        for (String impossible : new String[] {"2026-02-30T08:30:00.123Z", "2026-12-02T24:00:00.000Z",
                "2026-12-02T08:60:00.000Z", "2026-12-02T08:30:60.000Z", "2026-13-02T08:30:00.123Z",
                "2026-12-0xT08:30:00.123Z", "not a timestamp at all!!"}) {
            DateTimeParseException failure = assertThrows(DateTimeParseException.class,
                    () -> StoredEventEntry.parse(impossible));
            assertThat(failure.getMessage(), containsString(impossible));
        }
    }

    @Test
    void anEntryParsesItsTimestampOnce() {
        StoredEventEntry<String> entry = new StoredEventEntry<>("Fund", "fund-1", 3, "event-1",
                "2026-12-02T08:30:00.123Z", "ContributionRecorded", null, "{}", "{}");
        Instant first = entry.getTimestamp();
        assertThat(first, equalTo(Instant.parse("2026-12-02T08:30:00.123Z")));
        assertThat(entry.getTimestamp(), sameInstance(first));
    }
}
