package org.unionledger.projections.support;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;
import org.unionledger.core.fund.FundEvents.ContributionRecorded;
import org.unionledger.core.fund.FundEvents.FundOpened;
import org.unionledger.core.fund.FundType;
import org.unionledger.core.fund.PayerType;
import org.unionledger.projections.fund.FundBalanceProjection;
import org.unionledger.projections.journal.JournalProjection;

/**
 * A measurement, not a test (docs/PERFORMANCE.md, setting 6): the time to project contributions
 * through fund_balance and the journal, {@value #EVENTS_PER_TRANSACTION} events a transaction as
 * their processors would, over one connection, wired as Spring Boot wires jOOQ (a
 * transaction-aware data source). Prints, one line a round (the first warms up): events per
 * second, this thread's CPU per event (kernel time included: round trips show there) and the
 * PostgreSQL backend's CPU per event (read from /proc, Linux). Run it from the module's test
 * classpath, e.g. the {@code surefire.test.class.path} a test report in target/surefire-reports
 * records: {@code java -cp ... org.unionledger.projections.support.ProjectionWritesMeasurement
 * [events] [rounds] [shared|apart] [funds]}.
 */
public final class ProjectionWritesMeasurement {

    private static final int EVENTS_PER_TRANSACTION = 200;
    private static final int FUNDS_DEFAULT = 100;
    /** How many funds the contributions go round; 1 is the enrolment import's case, one pool fund. */
    private static int funds = FUNDS_DEFAULT;

    private ProjectionWritesMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("disable-axoniq-console-message", "true");
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        // As deployed, fund_balance and journal_entry are processors of their own, each with its own
        // transactions; "shared" puts both in one transaction, so their statements alternate.
        boolean shared = args.length > 2 && args[2].equals("shared");
        funds = args.length > 3 ? Integer.parseInt(args[3]) : FUNDS_DEFAULT;
        try (Connection connection = TestDatabase.dataSource().getConnection()) {
            SingleConnectionDataSource single = new SingleConnectionDataSource(connection, true);
            TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(single));
            DSLContext db = DSL.using(new DefaultConfiguration().set(SQLDialect.POSTGRES)
                    .set(new DataSourceConnectionProvider(new TransactionAwareDataSourceProxy(single))));
            List<AnnotationEventHandlerAdapter> handlers = List.of(
                    new AnnotationEventHandlerAdapter(new FundBalanceProjection(db)),
                    new AnnotationEventHandlerAdapter(new JournalProjection(db)));
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long backendPid = ((Number) DSL.using(connection, SQLDialect.POSTGRES)
                    .fetchValue("SELECT pg_backend_pid()")).longValue();
            for (int round = 1; round <= rounds; round++) {
                String run = UUID.randomUUID().toString().substring(0, 8);
                project(transactions, handlers, fundsOpened(run));
                List<TrackedEventMessage<?>> contributions = contributions(run, events);
                long cpuStart = threads.getCurrentThreadCpuTime();
                long userStart = threads.getCurrentThreadUserTime();
                long serverStart = serverCpuNanos(backendPid);
                long start = System.nanoTime();
                if (shared) {
                    project(transactions, handlers, contributions);
                } else {
                    for (AnnotationEventHandlerAdapter handler : handlers) {
                        project(transactions, List.of(handler), contributions);
                    }
                }
                long wallNanos = System.nanoTime() - start;
                long cpuNanos = threads.getCurrentThreadCpuTime() - cpuStart;
                long userNanos = threads.getCurrentThreadUserTime() - userStart;
                long serverNanos = serverCpuNanos(backendPid) - serverStart;
                System.out.printf("round %d%s: %d events in %d ms = %.0f events/s, client CPU %.1f us/event "
                                + "(%.1f in user mode), server CPU %.1f us/event%n", round,
                        round == 1 ? " (warm-up)" : "", events, wallNanos / 1_000_000, events * 1e9 / wallNanos,
                        cpuNanos / 1e3 / events, userNanos / 1e3 / events,
                        serverNanos / 1e3 / events);
            }
        }
    }

    /** The CPU time PostgreSQL's backend process has used (Linux, same machine; 10 ms resolution). */
    private static long serverCpuNanos(long pid) throws java.io.IOException {
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 10_000_000L;
    }

    private static void project(TransactionTemplate transactions, List<AnnotationEventHandlerAdapter> handlers,
                                List<TrackedEventMessage<?>> events) {
        for (int from = 0; from < events.size(); from += EVENTS_PER_TRANSACTION) {
            List<TrackedEventMessage<?>> batch = events.subList(from,
                    Math.min(events.size(), from + EVENTS_PER_TRANSACTION));
            transactions.executeWithoutResult(status -> {
                for (TrackedEventMessage<?> event : batch) {
                    for (AnnotationEventHandlerAdapter handler : handlers) {
                        try {
                            handler.handle(event);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
            });
        }
    }

    private static List<TrackedEventMessage<?>> fundsOpened(String run) {
        List<TrackedEventMessage<?>> events = new ArrayList<>();
        for (int fund = 0; fund < funds; fund++) {
            events.add(message(fund, fundId(run, fund), 0,
                    new FundOpened(fundId(run, fund), "org-" + run, "Fund " + fund, FundType.GENERAL)));
        }
        return events;
    }

    private static List<TrackedEventMessage<?>> contributions(String run, int count) {
        List<TrackedEventMessage<?>> events = new ArrayList<>();
        long[] sequences = new long[funds];
        for (int i = 0; i < count; i++) {
            int fund = i % funds;
            String fundId = fundId(run, fund);
            events.add(message(funds + i, fundId, ++sequences[fund], new ContributionRecorded(fundId, "org-" + run,
                    "c-" + i, 1_000 + i, PayerType.MEMBER, "counter", LocalDate.of(2026, 1, 1).plusDays(i % 300),
                    i % 2 == 0 ? null : "memo " + i, "ref-" + i)));
        }
        return events;
    }

    private static String fundId(String run, int fund) {
        return "f" + fund + "-" + run;
    }

    private static TrackedEventMessage<?> message(long globalIndex, String fundId, long sequence, Object payload) {
        return new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(globalIndex),
                new GenericDomainEventMessage<>("Fund", fundId, sequence, payload, Map.of(),
                        UUID.randomUUID().toString(), Instant.now()));
    }
}
