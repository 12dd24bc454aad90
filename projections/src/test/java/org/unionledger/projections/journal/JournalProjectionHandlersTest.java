package org.unionledger.projections.journal;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.Test;
import org.unionledger.core.fund.FundEvents.FundOpened;

/**
 * The journal's processor only takes the events JournalProjection has a handler for, and skips
 * every other event without deserializing it: so the handlers must be exactly the money events
 * JournalMapping books, and the fund's opening.
 */
class JournalProjectionHandlersTest {

    @Test
    void theProjectionHandlesExactlyTheEventsTheMappingBooksAndTheOpeningOfAFund() {
        Set<Class<?>> handled = Arrays.stream(JournalProjection.class.getDeclaredMethods())
                .filter(method -> method.isAnnotationPresent(EventHandler.class))
                .map(method -> method.getParameterTypes()[0])
                .collect(Collectors.toSet());

        Set<Class<?>> expected = new HashSet<>(JournalMapping.BOOKED);
        expected.add(FundOpened.class);
        assertThat(handled, equalTo(expected));
    }
}
