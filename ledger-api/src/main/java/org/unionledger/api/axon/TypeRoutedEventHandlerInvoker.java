package org.unionledger.api.axon;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.async.SequencingPolicy;

/**
 * A processor's event handlers looked up once per payload type, not asked one by one for every
 * event. Axon's invokers ask every handler class of a processing group whether it takes an event,
 * three times per event (whether the processor takes it, whether the group does, and each class
 * again as it handles it), each time streaming over all of the class's handler methods and matching
 * their parameters, and during a replay they also ask every handler method whether it supports a
 * reset. With the thirteen projections of the money group that was about a quarter of its
 * processor's CPU in a replay (docs/PERFORMANCE.md, setting 53).
 *
 * <p>Here each group remembers, per payload class, which of its handler classes declare a handler
 * for it; only those are given the event, and they still pick the method and match its parameters
 * themselves, so what is handled, in which order, and what a failure does are as before: each
 * group's own error handler, sequencing policy and reset support (a group that does not support a
 * reset gets no replayed events). Built only over Axon's plain invokers
 * ({@link #routing(EventHandlerInvoker)}); any other invoker (dead-lettering, sagas) is left as is.
 */
final class TypeRoutedEventHandlerInvoker implements EventHandlerInvoker {

    private final List<Group> groups;
    private final boolean supportsReset;

    private TypeRoutedEventHandlerInvoker(List<Group> groups) {
        this.groups = groups;
        this.supportsReset = groups.stream().anyMatch(group -> group.supportsReset);
    }

    /**
     * The invoker routing by type over the plain invokers {@code invoker} consists of, or
     * {@code invoker} itself when it holds any other kind.
     */
    static EventHandlerInvoker routing(EventHandlerInvoker invoker) {
        List<EventHandlerInvoker> delegates = invoker instanceof MultiEventHandlerInvoker multi
                ? multi.delegates() : List.of(invoker);
        if (delegates.isEmpty()
                || !delegates.stream().allMatch(delegate -> delegate.getClass() == SimpleEventHandlerInvoker.class)) {
            return invoker;
        }
        return new TypeRoutedEventHandlerInvoker(delegates.stream()
                .map(delegate -> new Group((SimpleEventHandlerInvoker) delegate))
                .toList());
    }

    @Override
    public boolean canHandle(EventMessage<?> eventMessage, Segment segment) {
        for (Group group : groups) {
            if (group.takes(eventMessage, segment)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean canHandleType(Class<?> payloadType) {
        return groups.stream().anyMatch(group -> group.handlersOf(payloadType).length > 0);
    }

    @Override
    public void handle(EventMessage<?> message, Segment segment) throws Exception {
        for (Group group : groups) {
            if (group.takes(message, segment)) {
                group.handle(message);
            }
        }
    }

    @Override
    public boolean supportsReset() {
        return supportsReset;
    }

    @Override
    public void performReset() {
        performReset(null);
    }

    @Override
    public <R> void performReset(R resetContext) {
        for (Group group : groups) {
            if (group.supportsReset) {
                group.invoker.performReset(resetContext);
            }
        }
    }

    /** One processing group: Axon's plain invoker, its handler classes and what each payload type reaches. */
    private static final class Group {

        private final SimpleEventHandlerInvoker invoker;
        private final List<EventMessageHandler> handlers;
        private final ListenerInvocationErrorHandler errors;
        private final SequencingPolicy<? super EventMessage<?>> sequencing;
        private final boolean supportsReset;
        private final Map<Class<?>, EventMessageHandler[]> byType = new ConcurrentHashMap<>();

        Group(SimpleEventHandlerInvoker invoker) {
            this.invoker = invoker;
            this.handlers = invoker.eventHandlers();
            this.errors = invoker.getListenerInvocationErrorHandler();
            this.sequencing = invoker.getSequencingPolicy();
            this.supportsReset = invoker.supportsReset();
        }

        /** The handler classes that declare a handler for {@code payloadType}, in the group's order. */
        EventMessageHandler[] handlersOf(Class<?> payloadType) {
            return byType.computeIfAbsent(payloadType, type -> handlers.stream()
                    .filter(handler -> handler.canHandleType(type))
                    .toArray(EventMessageHandler[]::new));
        }

        /** As Axon's invokers decide it, but by type: reset support, a handler, the segment. */
        boolean takes(EventMessage<?> event, Segment segment) {
            return (supportsReset || !ReplayToken.isReplay(event))
                    && handlersOf(event.getPayloadType()).length > 0
                    && segment.matches(Objects.hashCode(sequenceIdentifier(event)));
        }

        void handle(EventMessage<?> event) throws Exception {
            for (EventMessageHandler handler : handlersOf(event.getPayloadType())) {
                try {
                    handler.handle(event);
                } catch (Exception e) {
                    errors.onError(e, event, handler);
                }
            }
        }

        private Object sequenceIdentifier(EventMessage<?> event) {
            Object identifier = sequencing.getSequenceIdentifierFor(event);
            return identifier != null ? identifier : event.getIdentifier();
        }
    }
}
