package org.unionledger.api.axon;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.sameInstance;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.junit.jupiter.api.Test;

/**
 * The invoker that reaches a processor's handlers by payload type does what Axon's own invokers
 * do: the same handlers in the same order, each group's error handler, no replayed event for a
 * group that disallows replays.
 */
class TypeRoutedEventHandlerInvokerTest {

    record Opened(String id) {
    }

    record Paid(String id) {
    }

    record Unrelated(String id) {
    }

    private final List<String> seen = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    /** Takes payments only. */
    class Payments {
        @EventHandler
        void on(Paid event) {
            seen.add("payments " + event.id());
        }

        @ResetHandler
        void reset() {
            seen.add("payments reset");
        }
    }

    /** Takes openings and payments. */
    class Cases {
        @EventHandler
        void on(Opened event) {
            seen.add("cases opened " + event.id());
        }

        @EventHandler
        void on(Paid event) {
            seen.add("cases paid " + event.id());
        }
    }

    /** Fails on every opening. */
    class Failing {
        @EventHandler
        void on(Opened event) {
            throw new IllegalStateException("cannot open " + event.id());
        }
    }

    /** Sends something for every payment, so it must never see one again in a replay. */
    @DisallowReplay
    class Notifier {
        @EventHandler
        void on(Paid event) {
            seen.add("notified " + event.id());
        }
    }

    private SimpleEventHandlerInvoker group(Object... handlers) {
        return SimpleEventHandlerInvoker.builder().eventHandlers(handlers)
                .listenerInvocationErrorHandler((e, event, handler) -> failures.add(e.getMessage()))
                .build();
    }

    private static EventMessage<?> event(Object payload) {
        return GenericEventMessage.asEventMessage(payload);
    }

    private static EventMessage<?> replayed(Object payload) {
        return new GenericTrackedEventMessage<>(ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(10),
                new GlobalSequenceTrackingToken(2)), event(payload));
    }

    @Test
    void eachEventReachesTheHandlerClassesOfItsTypeInTheGroupsOrder() throws Exception {
        EventHandlerInvoker invoker = TypeRoutedEventHandlerInvoker.routing(
                new MultiEventHandlerInvoker(group(new Payments(), new Cases())));

        invoker.handle(event(new Paid("p-1")), Segment.ROOT_SEGMENT);
        invoker.handle(event(new Opened("c-1")), Segment.ROOT_SEGMENT);

        assertThat(invoker, instanceOf(TypeRoutedEventHandlerInvoker.class));
        assertThat(seen, contains("payments p-1", "cases paid p-1", "cases opened c-1"));
        assertThat(invoker.canHandle(event(new Paid("p-2")), Segment.ROOT_SEGMENT), is(true));
        assertThat(invoker.canHandle(event(new Unrelated("u-1")), Segment.ROOT_SEGMENT), is(false));
        assertThat(invoker.canHandleType(Opened.class), is(true));
        assertThat(invoker.canHandleType(Unrelated.class), is(false));
    }

    @Test
    void aFailingHandlerGoesToItsGroupsErrorHandlerAndTheNextHandlerStillRuns() throws Exception {
        EventHandlerInvoker invoker = TypeRoutedEventHandlerInvoker.routing(group(new Failing(), new Cases()));

        invoker.handle(event(new Opened("c-2")), Segment.ROOT_SEGMENT);

        assertThat(failures, contains("cannot open c-2"));
        assertThat(seen, contains("cases opened c-2"));
    }

    @Test
    void aReplayedEventReachesOnlyTheGroupsThatAllowReplays() throws Exception {
        EventHandlerInvoker invoker = TypeRoutedEventHandlerInvoker.routing(
                new MultiEventHandlerInvoker(group(new Payments()), group(new Notifier())));

        invoker.handle(replayed(new Paid("p-3")), Segment.ROOT_SEGMENT);
        invoker.handle(event(new Paid("p-4")), Segment.ROOT_SEGMENT);

        assertThat(seen, contains("payments p-3", "payments p-4", "notified p-4"));
        assertThat(invoker.supportsReset(), is(true));
    }

    /** With the work split over segments, each event is taken by exactly one of them, as Axon's invoker decides. */
    @Test
    void eachEventIsTakenByTheSegmentItsSequenceBelongsTo() throws Exception {
        SimpleEventHandlerInvoker axons = group(new Cases());
        EventHandlerInvoker invoker = TypeRoutedEventHandlerInvoker.routing(axons);
        Segment[] halves = Segment.ROOT_SEGMENT.split();

        for (int event = 0; event < 20; event++) {
            EventMessage<?> opened = event(new Opened("c-" + event));
            for (Segment half : halves) {
                assertThat(invoker.canHandle(opened, half), is(axons.canHandle(opened, half)));
            }
            assertThat(invoker.canHandle(opened, halves[0]) != invoker.canHandle(opened, halves[1]), is(true));
            for (Segment half : halves) {
                invoker.handle(opened, half);
            }
        }

        assertThat("each event handled once", seen.size(), is(20));
    }

    @Test
    void aResetReachesTheResetHandlersOfGroupsThatAllowReplays() {
        EventHandlerInvoker invoker = TypeRoutedEventHandlerInvoker.routing(
                new MultiEventHandlerInvoker(group(new Payments()), group(new Notifier())));

        invoker.performReset();

        assertThat(seen, contains("payments reset"));
        assertThat(failures, empty());
    }

    @Test
    void anyOtherKindOfInvokerIsLeftAsItIs() {
        EventHandlerInvoker other = new EventHandlerInvoker() {
            @Override
            public boolean canHandle(EventMessage<?> eventMessage, Segment segment) {
                return true;
            }

            @Override
            public void handle(EventMessage<?> message, Segment segment) {
            }
        };

        assertThat(TypeRoutedEventHandlerInvoker.routing(other), sameInstance(other));
        assertThat(TypeRoutedEventHandlerInvoker.routing(new MultiEventHandlerInvoker(group(new Cases()), other)),
                instanceOf(MultiEventHandlerInvoker.class));
    }
}
