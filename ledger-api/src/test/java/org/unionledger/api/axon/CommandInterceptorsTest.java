package org.unionledger.api.axon;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.util.ReflectionTestUtils;
import org.unionledger.api.support.ApiTest;

/**
 * Every command handler interceptor runs once per command. Axon's Spring Boot auto-configuration
 * registers each MessageHandlerInterceptor bean with the command bus by itself; the closed-period
 * guard, a bean, was also registered by hand, so it ran twice on every money command (with setting
 * 63, its lock and read went to PostgreSQL twice). The unit-of-work time limit is the ledger's
 * own (setting 70).
 */
@ApiTest
class CommandInterceptorsTest {

    @Autowired
    CommandBus commandBus;

    @Test
    void eachInterceptorIsRegisteredOnce() {
        assertThat(commandBus, instanceOf(SimpleCommandBus.class));
        List<?> interceptors = (List<?>) ReflectionTestUtils.getField(commandBus, "handlerInterceptors");
        Map<String, Long> byClass = interceptors.stream()
                .collect(Collectors.groupingBy(each -> each.getClass().getSimpleName(), Collectors.counting()));
        assertThat(byClass.keySet(), hasItems("ClosedPeriodGuard", "IdempotencyInterceptor", "TimeLimit"));
        // Axon's own unit-of-work timeout (a stack trace per command) is off: ours does its job.
        assertThat(byClass.keySet(), not(hasItem("UnitOfWorkTimeoutInterceptor")));
        assertThat(byClass.entrySet().stream().filter(entry -> entry.getValue() > 1).map(Map.Entry::getKey).toList(),
                empty());
    }
}
