package org.unionledger.projections.journal;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;
import org.unionledger.core.fund.Fund;
import org.unionledger.core.rule.BusinessRuleViolation;

/**
 * The real Fund aggregate on Axon's command bus and an in-memory event store: commands go in,
 * the events they caused come out in global order, ready to feed projections.
 */
final class FundLedgerHarness implements AutoCloseable {

    private final Configuration axon;

    FundLedgerHarness() {
        System.setProperty("disable-axoniq-console-message", "true");
        axon = DefaultConfigurer.defaultConfiguration()
                .configureAggregate(Fund.class)
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureSerializer(c -> JacksonSerializer.defaultSerializer())
                .buildConfiguration();
        axon.start();
    }

    /** Sends a command; answers the code of the rule it broke, or null when it was accepted. */
    String send(Object command) {
        try {
            axon.commandGateway().sendAndWait(command);
            return null;
        } catch (BusinessRuleViolation refused) {
            return refused.code();
        }
    }

    /** The events after the first {@code seen} ones, in global order. */
    List<TrackedEventMessage<?>> eventsAfter(int seen) {
        List<TrackedEventMessage<?>> events = events();
        return events.subList(Math.min(seen, events.size()), events.size());
    }

    List<TrackedEventMessage<?>> events() {
        List<TrackedEventMessage<?>> events = new ArrayList<>();
        try (var stream = axon.eventStore().openStream(null)) {
            while (stream.hasNextAvailable()) {
                events.add(stream.nextAvailable());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return events;
    }

    /** Delivers every event, in order, to each projection's @EventHandler methods, as Axon would. */
    void feed(List<TrackedEventMessage<?>> events, Object... projections) {
        for (Object projection : projections) {
            var adapter = new AnnotationEventHandlerAdapter(projection);
            for (TrackedEventMessage<?> event : events) {
                DefaultUnitOfWork.startAndGet(event).execute(() -> {
                    try {
                        adapter.handle(event);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        }
    }

    @Override
    public void close() {
        axon.shutdown();
    }
}
