package org.unionledger.api.journal;

import org.axonframework.common.caching.Cache;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.unionledger.api.axon.Aggregates;
import org.unionledger.core.period.AccountingPeriods;
import org.unionledger.core.reconciliation.BankReconciliation;
import org.unionledger.projections.support.LedgerJdbcEventStorageEngine;

/** Registers the accounting periods and bank reconciliation aggregates, and the closed-period guard. */
@Configuration(proxyBeanMethods = false)
class JournalConfiguration {

    @Bean
    ConfigurerModule accountingPeriodsAggregate(Cache aggregateCache) {
        return Aggregates.cached(AccountingPeriods.class, aggregateCache);
    }

    @Bean
    ConfigurerModule bankReconciliationAggregate(Cache aggregateCache) {
        return Aggregates.cached(BankReconciliation.class, aggregateCache);
    }

    /**
     * The guard on every command. Axon's Spring Boot auto-configuration registers each
     * MessageHandlerInterceptor bean with the command bus (InterceptorAutoConfiguration): registering
     * it here as well ran it twice on every command.
     */
    @Bean
    ClosedPeriodGuard closedPeriodGuard(EventStore eventStore, JdbcTemplate jdbc,
                                        ObjectProvider<EventStorageEngine> engine,
                                        @Qualifier("eventSerializer") Serializer eventSerializer) {
        // Events in PostgreSQL (Axon's JDBC store, not Axon Server): the guard reads them beside its lock.
        return engine.getIfAvailable() instanceof LedgerJdbcEventStorageEngine own
                ? new ClosedPeriodGuard(eventStore, jdbc, eventSerializer, own)
                : new ClosedPeriodGuard(eventStore, jdbc);
    }
}
