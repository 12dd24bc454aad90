package org.unionledger.api.axon;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.unionledger.core.rule.BusinessRuleViolation;

/**
 * The command gateway handed to process managers (policies). A policy's event handler runs inside
 * its event processor's transaction; a command sent from there on the same thread would join that
 * transaction, and a command refused by a rule would mark the whole batch rollback-only, so the
 * processor would retry the batch for ever. This gateway runs each command on a thread of its own:
 * the command commits or rolls back alone, and the policy reacts to a refusal.
 */
@Component
public class PolicyCommandGateway implements DisposableBean {

    /** Commands in flight from policies at once. */
    static final int THREADS_MAX = 4;

    private final ExecutorService executor;
    private final CommandGateway isolated;

    public PolicyCommandGateway(CommandGateway commands) {
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(THREADS_MAX, runnable -> {
            Thread thread = new Thread(runnable, "policy-command-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.isolated = (CommandGateway) Proxy.newProxyInstance(CommandGateway.class.getClassLoader(),
                new Class<?>[] {CommandGateway.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.invoke(commands, args);
                    }
                    try {
                        return call(commands, method, args);
                    } catch (BusinessRuleViolation refused) {
                        // This node's cached aggregate may be behind the event store (another node
                        // wrote it); Axon dropped it when the command failed, so one more attempt
                        // decides on the stored state (as IdempotentCommandSender does).
                        return call(commands, method, args);
                    }
                });
    }

    private Object call(CommandGateway commands, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return executor.submit(() -> method.invoke(commands, args)).get();
        } catch (ExecutionException failure) {
            Throwable cause = failure.getCause();
            throw cause instanceof InvocationTargetException target ? target.getCause() : cause;
        }
    }

    public CommandGateway gateway() {
        return isolated;
    }

    @Override
    public void destroy() {
        executor.shutdown();
    }
}
