package org.unionledger.api.axon;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingModule;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.queryhandling.LoggingQueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryBusSpanFactory;
import org.axonframework.queryhandling.QueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jackson.JacksonProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.transaction.PlatformTransactionManager;
import org.unionledger.api.idempotency.IdempotencyInterceptor;
import org.unionledger.api.idempotency.IdempotencyStore;
import org.unionledger.api.web.BackgroundPriority;
import org.unionledger.core.fund.Fund;
import org.unionledger.projections.support.EventPositions;
import org.unionledger.projections.support.LedgerJdbcEventStorageEngine;
import org.unionledger.projections.support.ProjectionGroups;
import org.unionledger.projections.support.RootTransactions;

/**
 * Axon on PostgreSQL (tables by Flyway): the JDBC event store, built as Axon's auto-configuration
 * builds it but with the ledger's tracking reads; the token store from Axon's auto-configuration.
 * This class also registers the aggregates of ledger-core (they carry no Spring annotations), the
 * serializers' object mapper, event metadata and idempotent commands.
 */
@Configuration(proxyBeanMethods = false)
class AxonConfiguration {

    /**
     * Event processors read and write in batches: one transaction per batch of at most this many
     * events (ledger.processors.batch-size; docs/PERFORMANCE.md, settings 1 and 22).
     */
    static final String PROCESSOR_BATCH_SIZE = "${ledger.processors.batch-size:200}";

    /**
     * How long the event store's producer waits after a read at the head of the store before it reads
     * again, gathering the events committed meanwhile into one batch for the processors
     * (ledger.processors.producer-linger-ms; docs/PERFORMANCE.md, setting 59).
     */
    static final String PRODUCER_LINGER_MS = "${ledger.processors.producer-linger-ms:20}";

    /**
     * Aggregates stay in memory between commands; hot funds would otherwise replay every event.
     * Bounded by count and idle time, not by garbage collections: Axon's WeakReferenceCache lost a
     * hot fund at every young collection, and the next command loaded it again from its snapshot
     * (docs/PERFORMANCE.md, setting 15).
     */
    @Bean
    Cache aggregateCache() {
        return new BoundedAggregateCache();
    }

    /**
     * Axon's transaction manager as its Spring Boot auto-configuration makes it, which also marks a
     * command that begins its own transaction: only such a command's commit may go with its events
     * (projections' support/RootTransactions; docs/PERFORMANCE.md, setting 81).
     */
    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new RootTransactions(new SpringTransactionManager(transactionManager));
    }

    /**
     * Snapshots of any registered aggregate (see {@link Aggregates#cached}), taken on one background
     * thread so the command that triggered it does not wait for the aggregate to be replayed again.
     */
    @Bean
    Snapshotter snapshotter(EventStore eventStore, TransactionManager transactionManager,
                            ParameterResolverFactory parameterResolverFactory, HandlerDefinition handlerDefinition,
                            @Value(BackgroundPriority.READS_FIRST) boolean readsFirst) {
        Executor oneThread = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ledger-snapshotter");
            thread.setDaemon(true);
            thread.setPriority(BackgroundPriority.of(readsFirst));
            return thread;
        });
        return new LedgerSnapshotter(AggregateSnapshotter.builder()
                .eventStore(eventStore)
                .transactionManager(transactionManager)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .executor(oneThread));
    }

    /**
     * Axon's JDBC event store, built as Axon's auto-configuration builds it, which also records the
     * index of each event that fills a gap for the projections and reads fewer empty batches
     * (projections' support/LedgerJdbcEventStorageEngine). Not used with Axon Server.
     */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager, EventPositions positions,
                                          @Value(PRODUCER_LINGER_MS) long producerLingerMs) {
        return new LedgerJdbcEventStorageEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager), transactionManager, positions,
                Duration.ofMillis(producerLingerMs));
    }

    /**
     * Axon's query bus as its Spring Boot auto-configuration builds it, but without a transaction
     * around each query: a portal read is one SELECT, or a few that each read their own snapshot
     * under READ COMMITTED, so the transaction bought nothing and cost every GET its COMMIT's round
     * trip (docs/PERFORMANCE.md, setting 62). A query sent inside a command still reads on the
     * command's connection (jOOQ reaches the DataSource through Spring's transaction-aware proxy).
     * It is the local segment Axon Server's query bus hands queries to, so it serves both modes.
     */
    @Bean
    @Qualifier("localSegment")
    SimpleQueryBus queryBus(org.axonframework.config.Configuration axonConfiguration) {
        return SimpleQueryBus.builder()
                .messageMonitor(axonConfiguration.messageMonitor(QueryBus.class, "queryBus"))
                .errorHandler(axonConfiguration.getComponent(QueryInvocationErrorHandler.class,
                        () -> LoggingQueryInvocationErrorHandler.builder().build()))
                .queryUpdateEmitter(axonConfiguration.getComponent(QueryUpdateEmitter.class))
                .spanFactory(axonConfiguration.getComponent(QueryBusSpanFactory.class))
                .build();
    }

    @Bean
    ConfigurerModule fundAggregate(Cache aggregateCache) {
        return Aggregates.cached(Fund.class, aggregateCache);
    }

    /**
     * Axon's event processing as Spring Boot's auto-configuration makes it, except that each
     * tracking processor reaches its handlers by payload type (TypeRoutedEventHandlerInvoker).
     */
    @Bean
    EventProcessingModule eventProcessingModule() {
        return new EventProcessingModule() {
            @Override
            protected EventProcessor trackingEventProcessor(String name, EventHandlerInvoker invoker,
                                                            TrackingEventProcessorConfiguration config,
                                                            StreamableMessageSource<TrackedEventMessage<?>> source) {
                return super.trackingEventProcessor(name, TypeRoutedEventHandlerInvoker.routing(invoker), config,
                        source);
            }
        };
    }

    @Bean
    ConfigurerModule trackingProcessorDefaults(@Value(BackgroundPriority.READS_FIRST) boolean readsFirst,
                                               @Value(PROCESSOR_BATCH_SIZE) int batchSize) {
        return configurer -> configurer.eventProcessing().registerTrackingEventProcessorConfiguration(
                c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(batchSize)
                        .andThreadFactory(name -> new AxonThreadFactory(BackgroundPriority.of(readsFirst),
                                new ThreadGroup("EventProcessor[" + name + "]"))));
    }

    /** Who, on whose behalf and why: copied from every command into the events it causes. */
    @Bean
    CorrelationDataProvider ledgerMetadataProvider() {
        return new LedgerMetadataProvider();
    }

    /** The projections send nothing, so their units of work need no correlation data (setting 47). */
    @Bean
    ConfigurerModule projectionsWithoutCorrelationData() {
        return configurer -> {
            for (String projections : ProjectionGroups.ALL) {
                configurer.eventProcessing().registerHandlerInterceptor(projections,
                        c -> LedgerMetadataProvider.IN_PROJECTIONS);
            }
        };
    }

    /**
     * Every command, query and processor batch runs within a time limit (60 s by default), as with
     * Axon's own unit-of-work timeouts, which are off ({@code axon.timeout.enabled: false}) because
     * they cost a stack trace per unit of work (docs/PERFORMANCE.md, setting 70).
     */
    @Bean
    UnitOfWorkTimeLimits unitOfWorkTimeLimits(@Value("${ledger.unit-of-work.timeout-ms:60000}") long timeoutMs,
                                              @Value("${ledger.unit-of-work.warning-threshold-ms:10000}") long warningMs,
                                              @Value("${ledger.unit-of-work.warning-interval-ms:1000}") long intervalMs) {
        return new UnitOfWorkTimeLimits(timeoutMs, warningMs, intervalMs);
    }

    @Bean
    ConfigurerModule processorTimeLimits(UnitOfWorkTimeLimits limits) {
        return configurer -> configurer.eventProcessing().registerDefaultHandlerInterceptor(
                (configuration, processor) -> limits.interceptor("event processor " + processor));
    }

    @Bean
    InitializingBean busTimeLimits(CommandBus commandBus, QueryBus queryBus, UnitOfWorkTimeLimits limits) {
        return () -> {
            commandBus.registerHandlerInterceptor(limits.interceptor("command bus"));
            queryBus.registerHandlerInterceptor(limits.interceptor("query bus"));
        };
    }

    @Bean
    InitializingBean commandInterceptors(CommandBus commandBus, IdempotencyStore store,
                                         ObjectProvider<EventStorageEngine> engine) {
        // Events in PostgreSQL (not Axon Server): a command's record goes with its events.
        LedgerJdbcEventStorageEngine jdbcEngine = engine.getIfAvailable() instanceof LedgerJdbcEventStorageEngine own
                ? own : null;
        return () -> commandBus.registerHandlerInterceptor(new IdempotencyInterceptor(store, jdbcEngine));
    }

    /**
     * Axon's serializer for events, snapshots and messages. Kept apart from the web mapper: events
     * must read back forever, so unknown properties are ignored, and snapshots see private fields.
     */
    @Bean("defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return new ObjectMapper().findAndRegisterModules()
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    /**
     * The mapper of the REST API, configured by spring.jackson.* (strict about numbers). A null
     * inside a list or set of a request ({"criteria": [null]}) is refused when the body is read
     * (400 LIST_MUST_NOT_CONTAIN_NULL) instead of reaching a rule that does not expect it; so is a
     * number or boolean where text is expected.
     */
    @Bean
    @Primary
    ObjectMapper jacksonObjectMapper(Jackson2ObjectMapperBuilder builder) {
        ObjectMapper mapper = builder.createXmlMapper(false).build();
        mapper.setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
        // A number or a boolean where the API expects text is refused, not turned into text:
        // "courseCodes": ["CS101", -2706] launched a program with course "-2706" (hostile corpus).
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }
}
