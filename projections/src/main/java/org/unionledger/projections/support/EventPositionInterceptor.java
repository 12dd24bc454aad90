package org.unionledger.projections.support;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Resolves the global index of each event before projections handle it, so a replay writes the
 * same rows as the live run: the token's index, or for an event that filled a gap the index the
 * event store recorded for its token ({@link EventPositions}). No query, and no guess from the
 * events this thread handled before: a processor never shows its interceptors the events it skips,
 * yet they move its token too. Registered by Axon's Spring Boot auto-configuration as a handler
 * interceptor of every event processor.
 */
@Component
public class EventPositionInterceptor implements MessageHandlerInterceptor<EventMessage<?>> {

    private final EventPositions positions;

    public EventPositionInterceptor(EventPositions positions) {
        this.positions = positions;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (!(unitOfWork.getMessage() instanceof TrackedEventMessage<?> tracked)) {
            return chain.proceed();
        }
        GlobalIndex.set(positions.indexOf(tracked.trackingToken()));
        try {
            return chain.proceed();
        } finally {
            GlobalIndex.clear();
        }
    }
}
