package org.unionledger.projections.support;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.sameInstance;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Statements staged in a unit of work go to PostgreSQL with its events: in one statement, ahead of
 * the insert, in the same transaction (docs/PERFORMANCE.md, setting 63). Against a real
 * PostgreSQL, on one connection whose statement executions are counted.
 */
class StagedStatementTest {

    private Connection connection;
    private final AtomicInteger executions = new AtomicInteger();
    private LedgerJdbcEventStorageEngine engine;
    private final String aggregateId = "staged-" + UUID.randomUUID();

    @BeforeEach
    void connect() throws SQLException {
        connection = TestDatabase.dataSource().getConnection();
        connection.setAutoCommit(false);
        var serializer = JacksonSerializer.defaultSerializer();
        engine = new LedgerJdbcEventStorageEngine(JdbcEventStorageEngine.builder()
                .connectionProvider(this::countingConnection)
                .transactionManager(NoTransactionManager.INSTANCE)
                .persistenceExceptionResolver(failure -> failure instanceof SQLException refused
                        && "23505".equals(refused.getSQLState()))
                .eventSerializer(serializer)
                .snapshotSerializer(serializer), NoTransactionManager.INSTANCE, new EventPositions(), Duration.ZERO);
        try (var table = connection.createStatement()) {
            table.execute("CREATE TEMPORARY TABLE staged_probe (id TEXT PRIMARY KEY)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        connection.rollback();
        connection.close();
    }

    @Test
    void stagedStatementsAndEventsAreOneExecutionAndCommitTogether() throws SQLException {
        List<String> read = new ArrayList<>();
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        engine.stage(unitOfWork, probeInsert("first"));
        engine.stage(unitOfWork, echo("two", "three", read));
        engine.appendEvents(List.of(event(0), event(1)));
        unitOfWork.commit();

        assertThat("the staged statements and the insert of both events", executions.get(), equalTo(1));
        assertThat("each staged statement reads its own last result", read, contains("three"));
        assertThat(eventsStored(), equalTo(2L));
        assertThat(probes(), equalTo(1L));
    }

    /**
     * A root unit of work that began its own transaction, whose staged statements PostgreSQL alone
     * decides, has its COMMIT sent with them and its events: one round trip, and the events are
     * visible to another connection before the unit of work commits (setting 81).
     */
    @Test
    void itsOwnTransactionCommitsInTheRoundTripOfItsEvents() throws SQLException {
        connection.rollback(); // no temporary table: this test's transaction commits
        UnitOfWork<?> unitOfWork = ownTransaction(DefaultUnitOfWork.startAndGet(null));
        engine.stage(unitOfWork, decidedInSql("SELECT ?::text", "checked"));
        engine.appendEvents(List.of(event(0), event(1)));

        assertThat("the staged statement, the insert and the commit", executions.get(), equalTo(1));
        assertThat("committed: another connection sees both events", eventsSeenElsewhere(), equalTo(2L));
        unitOfWork.commit();
    }

    /** A staged statement that fails skips the COMMIT after it: nothing is committed, and the unit of work rolls back. */
    @Test
    void aFailureBeforeTheCommitCommitsNothing() throws SQLException {
        connection.rollback();
        UnitOfWork<?> unitOfWork = ownTransaction(DefaultUnitOfWork.startAndGet(null));
        engine.stage(unitOfWork, decidedInSql("SELECT 1 / (?::int - 1)", "1"));

        var thrown = assertThrows(RuntimeException.class, () -> engine.appendEvents(List.of(event(0))));
        unitOfWork.rollback(thrown);
        connection.rollback();

        assertThat(eventsSeenElsewhere(), equalTo(0L));
        assertThat(eventsStored(), equalTo(0L));
    }

    /**
     * Without the mark of its own transaction (a caller's transaction holds it), or with a staged
     * statement whose reading may still refuse, the events wait for the unit of work's commit.
     */
    @Test
    void anotherTransactionOrAStatementDecidedInJavaKeepsTheCommitForTheUnitOfWork() throws SQLException {
        connection.rollback();
        UnitOfWork<?> callers = DefaultUnitOfWork.startAndGet(null);
        engine.stage(callers, decidedInSql("SELECT ?::text", "checked"));
        engine.appendEvents(List.of(event(0)));
        callers.commit();
        assertThat("not committed in a caller's transaction", eventsSeenElsewhere(), equalTo(0L));

        UnitOfWork<?> own = ownTransaction(DefaultUnitOfWork.startAndGet(null));
        engine.stage(own, decidedInSql("SELECT ?::text", "checked"));
        engine.stage(own, new Probe("SELECT ?::text", 1, "read in Java"));
        engine.appendEvents(List.of(event(1)));
        own.commit();
        assertThat("not committed before Java read the answers", eventsSeenElsewhere(), equalTo(0L));
        assertThat(eventsStored(), equalTo(2L));
    }

    @Test
    void aRefusalWhileReadingStopsTheUnitOfWorkAndItsEventsRollBack() throws SQLException {
        var refused = new IllegalStateException("refused");
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        engine.stage(unitOfWork, new Probe("SELECT 1", 1) {
            @Override
            public void read(ResultSet lastRows) {
                throw refused;
            }
        });

        var thrown = assertThrows(IllegalStateException.class, () -> engine.appendEvents(List.of(event(0))));
        unitOfWork.rollback(thrown);
        connection.rollback();

        assertThat(thrown, sameInstance(refused));
        assertThat(eventsStored(), equalTo(0L));
    }

    @Test
    void aStagedStatementNamesItsOwnFailureAndNoEventIsStored() throws SQLException {
        insertProbe("taken");
        var named = new IllegalStateException("the probe is taken");
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        engine.stage(unitOfWork, new Probe("INSERT INTO staged_probe (id) VALUES (?)", 1, "taken") {
            @Override
            public RuntimeException translate(SQLException failure) {
                return "23505".equals(failure.getSQLState()) ? named : null;
            }
        });

        var thrown = assertThrows(RuntimeException.class, () -> engine.appendEvents(List.of(event(0))));
        unitOfWork.rollback(thrown);

        assertThat(thrown, sameInstance(named));
    }

    @Test
    void anEventThatIsAlreadyStoredIsStillAConcurrentModification() throws SQLException {
        UnitOfWork<?> first = DefaultUnitOfWork.startAndGet(null);
        engine.appendEvents(List.of(event(0), event(1)));
        first.commit();

        UnitOfWork<?> second = DefaultUnitOfWork.startAndGet(null);
        engine.stage(second, probeInsert("second"));
        var thrown = assertThrows(ConcurrencyException.class, () -> engine.appendEvents(List.of(event(1))));
        second.rollback(thrown);
    }

    @Test
    void withoutEventsTheStagedStatementsGoOnTheirOwnWhenTheUnitOfWorkCommits() throws SQLException {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        engine.stage(unitOfWork, probeInsert("alone"));
        assertThat("nothing is sent before the commit", executions.get(), equalTo(0));
        unitOfWork.commit();

        assertThat(executions.get(), equalTo(1));
        assertThat(probes(), equalTo(1L));
    }

    @Test
    void manyEventsGoAfterTheStagedStatementsAsAxonAppendsThem() throws SQLException {
        List<DomainEventMessage<String>> many = new ArrayList<>();
        for (long sequence = 0; sequence < 8_000; sequence++) {
            many.add(event(sequence)); // 72,000 parameters in one statement would be refused
        }
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        engine.stage(unitOfWork, probeInsert("before-many"));
        engine.appendEvents(many);
        unitOfWork.commit();

        assertThat("the staged statement, then Axon's batch", executions.get(), equalTo(2));
        assertThat(eventsStored(), equalTo(8_000L));
        assertThat(probes(), equalTo(1L));
    }

    @Test
    void withoutStagedStatementsTheEventsAreAppendedAsAxonDoes() throws SQLException {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        engine.appendEvents(List.of(event(0), event(1)));
        unitOfWork.commit();

        assertThat(eventsStored(), equalTo(2L));
        assertThat(engine.readEvents(aggregateId).asStream().map(DomainEventMessage::getPayload).toList(),
                contains("payload 0", "payload 1"));
    }

    private DomainEventMessage<String> event(long sequence) {
        return new GenericDomainEventMessage<>("Probe", aggregateId, sequence, "payload " + sequence);
    }

    private Probe probeInsert(String id) {
        return new Probe("INSERT INTO staged_probe (id) VALUES (?)", 1, id);
    }

    /** Two statements, each with a parameter; reads the second one's row. */
    private static Probe echo(String first, String second, List<String> read) {
        return new Probe("SELECT ?::text; SELECT ?::text", 2, first, second) {
            @Override
            public void read(ResultSet lastRows) throws SQLException {
                lastRows.next();
                read.add(lastRows.getString(1));
            }
        };
    }

    private static UnitOfWork<?> ownTransaction(UnitOfWork<?> unitOfWork) {
        unitOfWork.resources().put(LedgerJdbcEventStorageEngine.OWN_TRANSACTION, Boolean.TRUE);
        return unitOfWork;
    }

    private static StagedStatement decidedInSql(String sql, String parameter) {
        return new Probe(sql, 1, parameter) {
            @Override
            public boolean decidedInSql() {
                return true;
            }
        };
    }

    private long eventsSeenElsewhere() throws SQLException {
        try (Connection other = TestDatabase.dataSource().getConnection();
             var statement = other.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = '"
                     + aggregateId + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void insertProbe(String id) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO staged_probe (id) VALUES (?)")) {
            insert.setString(1, id);
            insert.executeUpdate();
        }
    }

    private long eventsStored() throws SQLException {
        return count("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = '" + aggregateId + "'");
    }

    private long probes() throws SQLException {
        return count("SELECT count(*) FROM staged_probe");
    }

    private long count(String sql) throws SQLException {
        try (var statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * The test's connection, as the engine gets it: closing it does nothing (the test owns it), and
     * every statement execution is counted (one execution is one round trip).
     */
    private Connection countingConnection() {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    Object result = invoke(connection, method, args);
                    return result instanceof PreparedStatement statement ? counting(statement) : result;
                });
    }

    private PreparedStatement counting(PreparedStatement statement) {
        return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("execute")) {
                        executions.incrementAndGet();
                    }
                    return invoke(statement, method, args);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException failure) {
            throw failure.getCause();
        }
    }

    /** A staged statement with fixed text parameters. */
    private static class Probe implements StagedStatement {

        private final String sql;
        private final int statements;
        private final String[] parameters;

        Probe(String sql, int statements, String... parameters) {
            this.sql = sql;
            this.statements = statements;
            this.parameters = parameters;
        }

        @Override
        public String sql() {
            return sql;
        }

        @Override
        public int statements() {
            return statements;
        }

        @Override
        public int bind(PreparedStatement statement, int first) throws SQLException {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(first + i, parameters[i]);
            }
            return first + parameters.length;
        }
    }
}
