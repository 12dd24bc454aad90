package org.unionledger.projections.support;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.unionledger.projections.jooq.Tables.FUND_BALANCE;
import static org.unionledger.projections.support.PreparedWrite.value;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * BatchedWrites on real PostgreSQL, wired as Spring Boot wires jOOQ (a transaction-aware data
 * source over a data source that opens a new connection each time), with the JDBC calls counted.
 */
class BatchedWritesTest {

    private static final Table<Record> PROBE = DSL.table(DSL.name("batched_writes_probe"));
    private static final Field<Long> POSITION = DSL.field(DSL.name("position"), SQLDataType.BIGINT);
    private static final Field<String> RUN = DSL.field(DSL.name("run"), SQLDataType.VARCHAR(40));
    private static final Field<String> LABEL = DSL.field(DSL.name("label"), SQLDataType.VARCHAR(40));
    private static final Field<LocalDate> ON_DATE = DSL.field(DSL.name("on_date"), SQLDataType.LOCALDATE);
    private static final Field<OffsetDateTime> AT = DSL.field(DSL.name("at"), SQLDataType.OFFSETDATETIME);
    private static final Field<Long> AMOUNT_FEN = DSL.field(DSL.name("amount_fen"), SQLDataType.BIGINT);

    private static final PreparedWrite FIRST = PreparedWrite.of("first", DSL.insertInto(PROBE, RUN, LABEL, ON_DATE,
            AT, AMOUNT_FEN).values(value(RUN), value(LABEL), value(ON_DATE), value(AT), value(AMOUNT_FEN)));
    private static final PreparedWrite SECOND = PreparedWrite.of("second",
            PreparedWrite.insertInto(PROBE, RUN, LABEL));

    private static final PreparedWrite NEW_ROW = PreparedWrite.ofInsertFirst("new row",
            PreparedWrite.insertInto(PROBE, RUN, LABEL));

    /**
     * Adds an amount to a run's row and dates it, unless the row is dated on or after the change: a
     * guarded change like a fund's move. Folded: a run's changes as one (summed, last date, guarded
     * by the first date).
     */
    private static final PreparedWrite DATED_CHANGE = PreparedWrite.of("dated change", DSL.update(PROBE)
                    .set(AMOUNT_FEN, AMOUNT_FEN.plus(value(AMOUNT_FEN)))
                    .set(ON_DATE, value(ON_DATE))
                    .where(RUN.eq(value(RUN)))
                    .and(ON_DATE.lt(value("dated_before", ON_DATE))))
            .foldedBy(changes -> {
                Object[] sum = changes.get(changes.size() - 1).clone();
                sum[0] = changes.stream().mapToLong(change -> (Long) change[0]).sum();
                sum[3] = changes.get(0)[3];
                return List.of(new PreparedWrite.Folded(sum, changes));
            });

    /** Every SQL text prepared, and how many JDBC batches were executed, over all connections. */
    private final List<String> prepared = new ArrayList<>();
    private final List<Integer> batchSizes = new ArrayList<>();
    /** Executions sent per round trip: a JDBC batch's size, or 1 for a single update. */
    private final List<Integer> executions = new ArrayList<>();
    private DSLContext db;
    private TransactionTemplate transactions;
    private String run;

    @BeforeAll
    static void probeTable() {
        TestDatabase.dsl().execute("CREATE TABLE IF NOT EXISTS batched_writes_probe (position BIGSERIAL PRIMARY KEY, "
                + "run VARCHAR(40) NOT NULL, label VARCHAR(40), on_date DATE, at TIMESTAMPTZ, amount_fen BIGINT)");
    }

    @BeforeEach
    void springLikeWiring() {
        DataSource counted = new DelegatingDataSource(TestDatabase.dataSource()) {
            @Override
            public Connection getConnection() throws SQLException {
                return counting(super.getConnection());
            }
        };
        transactions = new TransactionTemplate(new DataSourceTransactionManager(counted));
        db = DSL.using(new DefaultConfiguration().set(SQLDialect.POSTGRES)
                .set(new DataSourceConnectionProvider(new TransactionAwareDataSourceProxy(counted))));
        run = UUID.randomUUID().toString();
    }

    @Test
    void keepsTheOrderAcrossStatementsAndBatchesConsecutiveExecutionsOfOne() {
        transactions.executeWithoutResult(status -> {
            BatchedWrites.execute(db, FIRST, run, "1", null, null, 1L);
            BatchedWrites.execute(db, FIRST, run, "2", null, null, 2L);
            BatchedWrites.execute(db, FIRST, run, "3", null, null, 3L);
            BatchedWrites.execute(db, SECOND, run, "4");
            BatchedWrites.execute(db, db.insertInto(PROBE).set(RUN, run).set(LABEL, "5"));
            BatchedWrites.execute(db, db.insertInto(PROBE).set(RUN, run).set(LABEL, "6"));
            BatchedWrites.execute(db, FIRST, run, "7", null, null, 7L);
            assertThat("nothing is sent before the commit", prepared, empty());
        });

        assertThat(labels(), contains("1", "2", "3", "4", "5", "6", "7"));
        assertThat(prepared.stream().filter(sql -> sql.contains("batched_writes_probe")).toList(), contains(
                FIRST.sql(db), SECOND.sql(db), FIRST.sql(db)));
        assertThat("three executions of the first statement in one batch", batchSizes, contains(3));
    }

    /**
     * Two projections sharing one processor (so one transaction) take turns per event; each goes
     * out in its own order and its consecutive executions still form one batch.
     */
    @Test
    void projectionsSharingATransactionEachKeepTheirOrderAndTheirBatches() {
        transactions.executeWithoutResult(status -> {
            for (int event = 1; event <= 3; event++) {
                BatchedWrites.execute(db, FIRST, run, "mine-" + event, null, null, (long) event);
                OtherProjection.handle(db, run, "other-" + event);
            }
            BatchedWrites.execute(db, SECOND, run, "mine-last");
        });

        assertThat(labels(), contains("mine-1", "mine-2", "mine-3", "mine-last", "other-1", "other-2", "other-3"));
        assertThat("one batch of three for each projection", batchSizes, contains(3, 3));
    }

    /**
     * A projection's inserts that go first leave before every other write, in their own order, so
     * that the writes between them still form batches.
     */
    @Test
    void insertsThatGoFirstLeaveBeforeEveryOtherWriteAndKeepTheBatchesWhole() {
        transactions.executeWithoutResult(status -> {
            OtherProjection.handle(db, run, "other-1");
            for (int entity = 1; entity <= 2; entity++) {
                BatchedWrites.execute(db, NEW_ROW, run, "new-" + entity);
                BatchedWrites.execute(db, SECOND, run, "change-" + entity + "a");
                BatchedWrites.execute(db, SECOND, run, "change-" + entity + "b");
            }
        });

        assertThat(labels(), contains("new-1", "new-2", "other-1", "change-1a", "change-1b", "change-2a",
                "change-2b"));
        assertThat("the new rows in one batch, the changes in another", batchSizes, contains(2, 4));
    }

    @Test
    void aFoldedWriteSendsItsRunAsOneExecution() {
        datedRow(LocalDate.of(2026, 1, 1));
        executions.clear();
        changeEachDayOfJanuary(2, 4, day -> (long) day);

        assertThat(executions, contains(1));
        assertThat(amountAndDate(), equalTo(List.of(9L, LocalDate.of(2026, 1, 4))));
    }

    /** A folded execution that updates nothing (its guard failed) leaves its members to run one by one. */
    @Test
    void aFoldedWriteThatUpdatesNothingRunsItsMembersOneByOne() {
        datedRow(LocalDate.of(2026, 1, 3));
        executions.clear();
        changeEachDayOfJanuary(2, 5, day -> 1L << (day - 2));

        assertThat("the folded change, then its four members", executions, contains(1, 4));
        assertThat("only the changes after the row's date", amountAndDate(),
                equalTo(List.of(4L + 8L, LocalDate.of(2026, 1, 5))));
    }

    /** One transaction queueing a dated change for each day, the amount of each given by {@code amount}. */
    private void changeEachDayOfJanuary(int firstDay, int lastDay, IntFunction<Long> amount) {
        transactions.executeWithoutResult(status -> {
            for (int day = firstDay; day <= lastDay; day++) {
                LocalDate on = LocalDate.of(2026, 1, day);
                BatchedWrites.execute(db, DATED_CHANGE, amount.apply(day), on, run, on);
            }
        });
    }

    private void datedRow(LocalDate on) {
        TestDatabase.dsl().insertInto(PROBE).set(RUN, run).set(LABEL, "dated").set(ON_DATE, on).set(AMOUNT_FEN, 0L)
                .execute();
    }

    private List<Object> amountAndDate() {
        var row = TestDatabase.dsl().select(AMOUNT_FEN, ON_DATE).from(PROBE).where(RUN.eq(run)).fetchSingle();
        return List.of(row.value1(), row.value2());
    }

    /** Another projection: its writes are made and queued by its own class. */
    private static final class OtherProjection {

        private static final PreparedWrite INSERT = PreparedWrite.of("other", PreparedWrite.insertInto(PROBE, RUN,
                LABEL));

        static void handle(DSLContext db, String run, String label) {
            BatchedWrites.execute(db, INSERT, run, label);
        }
    }

    @Test
    void bindsNullsDatesAndTimestampsWithTheirTypes() {
        OffsetDateTime at = OffsetDateTime.of(2026, 3, 1, 10, 15, 30, 123_456_000, ZoneOffset.ofHours(8));
        transactions.executeWithoutResult(status -> {
            BatchedWrites.execute(db, FIRST, run, "dated", LocalDate.of(2026, 2, 28), at, -5L);
            BatchedWrites.execute(db, FIRST, run, null, null, null, null);
        });

        var rows = TestDatabase.dsl().select(LABEL, ON_DATE, AT, AMOUNT_FEN).from(PROBE).where(RUN.eq(run))
                .orderBy(POSITION).fetch();
        assertThat(rows.get(0).value2(), equalTo(LocalDate.of(2026, 2, 28)));
        assertThat(rows.get(0).value3().toInstant(), equalTo(at.toInstant()));
        assertThat(rows.get(0).value4(), equalTo(-5L));
        assertThat(rows.get(1).value1(), nullValue());
        assertThat(rows.get(1).value2(), nullValue());
        assertThat(rows.get(1).value3(), nullValue());
        assertThat(rows.get(1).value4(), nullValue());
    }

    @Test
    void writesOnTheTransactionsConnectionSoARollbackTakesThemBack() {
        transactions.executeWithoutResult(status -> {
            BatchedWrites.execute(db, FIRST, run, "rolled back", null, null, 1L);
            BatchedWrites.execute(db, SECOND, run, "rolled back too");
            // Flush as a commit would, then roll back: the rows must go with the transaction.
            TransactionSynchronizationManager.getSynchronizations()
                    .forEach(synchronization -> synchronization.beforeCommit(false));
            assertThat("the transaction sees its rows", labels(db), contains("rolled back", "rolled back too"));
            assertThat("no other connection does", labels(), empty());
            status.setRollbackOnly();
        });

        assertThat(labels(), empty());
    }

    @Test
    void runsAtOnceOutsideATransaction() {
        BatchedWrites.execute(db, FIRST, run, "at once", LocalDate.of(2026, 1, 1), null, 9L);

        assertThat(labels(), contains("at once"));
    }

    @Test
    void refusesValuesOfTheWrongTypeOrNumber() {
        assertThrows(IllegalArgumentException.class,
                () -> BatchedWrites.execute(db, FIRST, run, "wrong", "2026-01-01", null, 1L));
        assertThrows(IllegalArgumentException.class, () -> BatchedWrites.execute(db, SECOND, run));
    }

    @Test
    void refusesAQueryWithAValueThatIsNotAPlaceholder() {
        assertThrows(IllegalArgumentException.class, () -> PreparedWrite.of("literal",
                DSL.insertInto(PROBE, RUN, LABEL).values(value(RUN), DSL.val("literal"))));
        assertThrows(IllegalArgumentException.class, () -> PreparedWrite.of("twice",
                DSL.insertInto(PROBE, RUN, LABEL).values(value(RUN), value(RUN))));
    }

    @Test
    void rendersItsSqlForEachConfigurationWithThatConfigurationsSchemaMapping() {
        PreparedWrite write = PreparedWrite.of("fund", PreparedWrite.insertInto(FUND_BALANCE, FUND_BALANCE.FUND_ID));
        DSLContext scratch = DSL.using(SQLDialect.POSTGRES, new Settings().withRenderMapping(new RenderMapping()
                .withSchemata(new MappedSchema().withInput("public").withOutput("scratch"))));

        assertThat(write.sql(db), containsString("\"public\".\"fund_balance\""));
        assertThat(write.sql(scratch), containsString("\"scratch\".\"fund_balance\""));
        assertThat(write.sql(db), containsString("\"public\".\"fund_balance\""));
    }

    /** The labels of this run's rows in the order they were written, read on a connection of its own. */
    private List<String> labels() {
        return labels(TestDatabase.dsl());
    }

    private List<String> labels(DSLContext on) {
        return on.select(LABEL).from(PROBE).where(RUN.eq(run)).orderBy(POSITION).fetch(LABEL);
    }

    private Connection counting(Connection connection) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    Object result = invoke(connection, method, args);
                    if (method.getName().equals("prepareStatement")) {
                        prepared.add((String) args[0]);
                        return countingBatches((PreparedStatement) result);
                    }
                    return result;
                });
    }

    private PreparedStatement countingBatches(PreparedStatement statement) {
        int[] added = {0};
        return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    if (method.getName().equals("addBatch") && args == null) {
                        added[0]++;
                    } else if (method.getName().equals("executeBatch")) {
                        batchSizes.add(added[0]);
                        executions.add(added[0]);
                        added[0] = 0;
                    } else if (method.getName().equals("executeUpdate") && args == null) {
                        executions.add(1);
                    }
                    return invoke(statement, method, args);
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
