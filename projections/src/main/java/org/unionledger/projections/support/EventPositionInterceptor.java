package org.unionledger.projections.support;

import static org.unionledger.projections.jooq.Tables.DOMAINEVENTENTRY;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Resolves the global index of each event before projections handle it, so a replay writes the
 * same rows as the live run. Cheap: an event whose token moved forward is at the token's index;
 * only an event whose token did not move (it filled a gap) is looked up by its identifier.
 * Registered by Axon's Spring Boot auto-configuration as a handler interceptor of every event
 * processor.
 */
@Component
public class EventPositionInterceptor implements MessageHandlerInterceptor<EventMessage<?>> {

    /** The highest index this processor thread has handled: tracking processors own their threads. */
    private static final ThreadLocal<Long> LAST_HIGHEST = ThreadLocal.withInitial(() -> -1L);

    private final DSLContext db;

    public EventPositionInterceptor(DSLContext db) {
        this.db = db;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        EventMessage<?> event = unitOfWork.getMessage();
        if (!(event instanceof TrackedEventMessage<?> tracked)) {
            return chain.proceed();
        }
        long highest = GlobalIndex.highestIndexOf(tracked.trackingToken());
        long own = highest > LAST_HIGHEST.get() ? highest : lookUp(event.getIdentifier(), highest);
        LAST_HIGHEST.set(Math.max(highest, LAST_HIGHEST.get()));
        GlobalIndex.set(own);
        try {
            return chain.proceed();
        } finally {
            GlobalIndex.clear();
        }
    }

    private long lookUp(String eventIdentifier, long fallback) {
        Long index = db.select(DOMAINEVENTENTRY.GLOBALINDEX).from(DOMAINEVENTENTRY)
                .where(DOMAINEVENTENTRY.EVENTIDENTIFIER.eq(eventIdentifier))
                .fetchOne(DOMAINEVENTENTRY.GLOBALINDEX);
        return index != null ? index : fallback;
    }
}
