package org.unionledger.api.axon;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.timeout.AxonTimeoutException;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ledger's unit-of-work time limit, on Axon's own units of work: a unit of work past its limit
 * is interrupted, fails and rolls back, even if its handler swallows the interruption; one within
 * it is untouched; the thread is never left interrupted.
 */
class UnitOfWorkTimeLimitsTest {

    private final UnitOfWorkTimeLimits limits = new UnitOfWorkTimeLimits(300, 100, 50);

    @AfterEach
    void stopTheWatchdog() {
        limits.close();
    }

    @Test
    void aUnitOfWorkWithinItsLimitIsUntouched() {
        ResultMessage<?> result = run(message -> "done", new AtomicBoolean());

        assertThat(result.isExceptional(), is(false));
        assertThat(result.getPayload(), equalTo("done"));
        assertThat(Thread.currentThread().isInterrupted(), is(false));
        assertThat(limits.running(), is(0));
    }

    @Test
    void aUnitOfWorkPastItsLimitIsInterruptedAndRolledBack() {
        AtomicBoolean rolledBack = new AtomicBoolean();
        long started = System.nanoTime();

        ResultMessage<?> result = run(message -> {
            Thread.sleep(30_000);
            return "never";
        }, rolledBack);

        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(result.isExceptional(), is(true));
        assertThat(result.exceptionResult(), instanceOf(AxonTimeoutException.class));
        assertThat(result.exceptionResult().getMessage(), containsString("interrupted after 300 ms"));
        assertThat(rolledBack.get(), is(true));
        assertThat("interrupted at its limit, not after the sleep: " + tookMs + " ms", tookMs < 10_000, is(true));
        assertThat(Thread.currentThread().isInterrupted(), is(false));
        assertThat(limits.running(), is(0));
    }

    @Test
    void aHandlerThatSwallowsTheInterruptionStillFails() {
        AtomicBoolean rolledBack = new AtomicBoolean();

        ResultMessage<?> result = run(message -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException swallowed) {
                // a careless handler: carries on as if nothing happened
            }
            return "carried on";
        }, rolledBack);

        assertThat(result.exceptionResult(), instanceOf(AxonTimeoutException.class));
        assertThat(rolledBack.get(), is(true));
        assertThat(Thread.currentThread().isInterrupted(), is(false));
    }

    @Test
    void nestedUnitsOfWorkShareTheOutermostOnesLimit() {
        AtomicInteger watchedInside = new AtomicInteger(-1);

        ResultMessage<?> result = run(outer -> {
            DefaultUnitOfWork<Message<?>> nested = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("inner"));
            return nested.executeWithResult(() -> new DefaultInterceptorChain<>(nested,
                    List.of(limits.interceptor("inner")), inner -> {
                        watchedInside.set(limits.running());
                        return "inner done";
                    }).proceed()).getPayload();
        }, new AtomicBoolean());

        assertThat(result.getPayload(), equalTo("inner done"));
        assertThat(watchedInside.get(), is(1));
        assertThat(limits.running(), is(0));
    }

    @Test
    void refusesALimitOfNothing() {
        try {
            new UnitOfWorkTimeLimits(0, -1, 1000).close();
            throw new AssertionError("a limit of 0 ms was accepted");
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage(), containsString("must be above 0 ms"));
        }
    }

    private ResultMessage<?> run(MessageHandler<Message<?>> handler, AtomicBoolean rolledBack) {
        DefaultUnitOfWork<Message<?>> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("x"));
        unitOfWork.onRollback((UnitOfWork<Message<?>> u) -> rolledBack.set(true));
        return unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<>(unitOfWork,
                List.of(limits.interceptor("test")), handler).proceed(), RollbackConfigurationType.ANY_THROWABLE);
    }
}
