package org.unionledger.api.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.postgresql.util.PSQLException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.unionledger.core.fund.FundEvents.FundOpened;
import org.unionledger.core.period.AccountingPeriods;
import org.unionledger.core.period.PeriodCommands.CloseAccountingPeriod;
import org.unionledger.core.period.PeriodEvents.AccountingPeriodClosed;
import org.unionledger.core.period.PeriodRules;
import org.unionledger.core.rule.BusinessRuleViolation;
import org.unionledger.projections.support.LedgerJdbcEventStorageEngine;
import org.unionledger.projections.support.StagedStatement;

/**
 * Enforces closed periods on every dated money command of a fund, whoever sends it (the API or a
 * process manager): in the same unit of work and transaction as the Fund's command handler, it
 * reads the fund's organisation and that organisation's closed-through date from the event store
 * (the truth, not a projection that may lag), and refuses money dated inside a closed period with
 * PERIOD_MUST_BE_OPEN. Fund.java stays untouched.
 *
 * <p>A close and money of the same organisation do not overlap: money takes the organisation's
 * period lock shared before it reads the closed-through date, a close takes it exclusively, both
 * until their transaction ends (PostgreSQL advisory transaction locks). So a close waits for the
 * money being recorded to commit, and money that arrives during a close waits for it and then
 * reads the new date. Without it, money that read "open" just before a close committed could be
 * stored just after it, inside the closed period.
 *
 * <p>With the events in PostgreSQL (Axon's JDBC store, not Axon Server) the shared lock and the
 * read of the organisation's last close are sent together, one round trip for both
 * (docs/PERFORMANCE.md, setting 60). A command sent on its own goes further: its lock, read and
 * check are sent after its handler has decided, ahead of its events' insert in the same round trip,
 * and a refusal rolls the events back (setting 63). That check is PostgreSQL's own
 * ({@code ledger_require_open_period}, V509), so the command's COMMIT can follow in the same round
 * trip (setting 81). Money inside another unit of work (an import, a process manager) is checked
 * before its handler runs, with the lock and read above and the comparison in Java, once per
 * organisation and outermost unit of work. A close earlier in the same unit of work is not in the
 * table yet: its date is kept in the unit of work for the money after it.
 */
class ClosedPeriodGuard implements MessageHandlerInterceptor<CommandMessage<?>> {

    /** Funds never change organisation; the cache is cleared when it grows past this many funds. */
    private static final int FUND_ORGS_CACHED_MAX = 100_000;
    private static final String CLOSED_THROUGH = ClosedPeriodGuard.class.getName() + ".closedThrough:";

    /** One lock per organisation's periods; another organisation's hash may rarely share it (a wait, no harm). */
    static final String LOCK_SHARED = "SELECT pg_advisory_xact_lock_shared(hashtextextended(?, 0))";
    static final String LOCK_EXCLUSIVE = "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))";

    /**
     * The shared lock and the last close, as two statements sent together: one round trip. Under
     * READ COMMITTED each statement reads a snapshot of its own, taken when it starts, so the read
     * sees every close that committed before the lock was granted.
     */
    static final String LOCK_SHARED_AND_LAST_CLOSE = LOCK_SHARED + "; SELECT payload, payloadrevision"
            + " FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype = ?"
            + " ORDER BY sequencenumber DESC LIMIT 1";
    /** Lock, read and check of one money command in one call (V509): refuses with {@link #CLOSED_STATE}. */
    static final String REQUIRE_OPEN_PERIOD = "SELECT ledger_require_open_period(?, ?, ?, ?)";
    /** The SQLSTATE of a date inside a closed period; the closed-through date is the error's detail. */
    private static final String CLOSED_STATE = "UL502";
    /** The SQLSTATE of a last close stored under another revision than {@link #CLOSED_REVISION}. */
    private static final String OTHER_REVISION_STATE = "UL501";
    private static final String CLOSED_TYPE = AccountingPeriodClosed.class.getName();
    private static final String CLOSED_REVISION = AccountingPeriodClosed.class.getAnnotation(Revision.class).value();

    private final EventStore eventStore;
    private final JdbcTemplate jdbc;
    /** Set when the events live in PostgreSQL beside the lock (not with Axon Server): read them there directly. */
    private final Serializer eventSerializer;
    /** Set with {@code eventSerializer}: the store that sends a command's check with its events. */
    private final LedgerJdbcEventStorageEngine engine;
    private final Map<String, String> orgOfFund = new ConcurrentHashMap<>();
    /** Organisations whose last close only an upcaster can read: their money is checked in Java. */
    private final Set<String> orgsCheckedInJava = ConcurrentHashMap.newKeySet();

    /** Reads the periods through the event store (Axon Server). */
    ClosedPeriodGuard(EventStore eventStore, JdbcTemplate jdbc) {
        this(eventStore, jdbc, null, null);
    }

    /**
     * Reads the last close from Axon's JDBC event table in the lock's round trip, deserialized with
     * the event store's {@code eventSerializer}; a command on its own sends lock, read and check
     * with its events through {@code engine}.
     */
    ClosedPeriodGuard(EventStore eventStore, JdbcTemplate jdbc, Serializer eventSerializer,
                      LedgerJdbcEventStorageEngine engine) {
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.eventSerializer = eventSerializer;
        this.engine = engine;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        Object command = unitOfWork.getMessage().getPayload();
        if (command instanceof CloseAccountingPeriod close && close.orgId() != null) {
            lockPeriods(close.orgId(), LOCK_EXCLUSIVE);
            Object closedThrough = chain.proceed();
            // Money after the close in the same unit of work is judged by it: the close is staged,
            // not yet in the table the lock's read looks at.
            if (closedThrough instanceof LocalDate date) {
                unitOfWork.root().resources().put(CLOSED_THROUGH + close.orgId(), Optional.of(date));
            }
            return closedThrough;
        }
        Optional<LocalDate> date = PeriodRules.effectiveDateOf(command);
        Optional<String> fundId = PeriodRules.fundIdOf(command);
        if (date.isPresent() && fundId.isPresent()) {
            Optional<String> orgId = orgOf(fundId.get());
            if (orgId.isPresent()) {
                if (checkedWithTheEvents(unitOfWork, orgId.get())) {
                    Object decided = chain.proceed();
                    engine.stage(unitOfWork, new OpenPeriodCheck(orgId.get(), date.get()));
                    return decided;
                }
                PeriodRules.requireOpen(closedThroughIn(unitOfWork, orgId.get()), date.get(), orgId.get());
            }
        }
        return chain.proceed();
    }

    /**
     * Whether the lock, the read of the last close and the check go with the command's events, in
     * their round trip: a command sent on its own (not inside another unit of work, such as an
     * import's), with the events in PostgreSQL, the first to ask about this organisation.
     */
    private boolean checkedWithTheEvents(UnitOfWork<?> unitOfWork, String orgId) {
        return engine != null && unitOfWork.isRoot() && TransactionSynchronizationManager.isActualTransactionActive()
                && unitOfWork.getResource(CLOSED_THROUGH + orgId) == null && !orgsCheckedInJava.contains(orgId);
    }

    private Optional<String> orgOf(String fundId) {
        String cached = orgOfFund.get(fundId);
        if (cached != null) {
            return Optional.of(cached);
        }
        // From the first event, not from a snapshot: a snapshot of a busy fund is no FundOpened.
        DomainEventStream events = eventStore.readEvents(fundId, 0);
        if (!events.hasNext() || !(events.next().getPayload() instanceof FundOpened opened)) {
            return Optional.empty();
        }
        if (orgOfFund.size() >= FUND_ORGS_CACHED_MAX) {
            orgOfFund.clear();
        }
        orgOfFund.put(fundId, opened.orgId());
        return Optional.of(opened.orgId());
    }

    /**
     * The closed-through date, read once per organisation and outermost unit of work: an enrolment
     * import runs hundreds of money commands in one unit of work, and reading the periods' events
     * for each of them scanned every event staged so far (quadratic in the batch; measured at over
     * 40% of the import's CPU). One transaction sees one answer, as before.
     */
    private LocalDate closedThroughIn(UnitOfWork<?> unitOfWork, String orgId) {
        // Not getOrComputeResource: reading the event store adds resources to the same unit of work.
        String key = CLOSED_THROUGH + orgId;
        Optional<LocalDate> closed = unitOfWork.root().getResource(key);
        if (closed == null) {
            if (eventSerializer != null && TransactionSynchronizationManager.isActualTransactionActive()) {
                closed = lockAndReadLastClose(orgId);
            } else {
                lockPeriods(orgId, LOCK_SHARED);
                closed = Optional.ofNullable(closedThrough(orgId));
            }
            unitOfWork.root().resources().put(key, closed);
        }
        return closed.orElse(null);
    }

    /**
     * Takes the organisation's shared period lock and reads its last close in one round trip. A
     * close stored under another revision than the one this class knows is read through the event
     * store instead, which upcasts it.
     */
    private Optional<LocalDate> lockAndReadLastClose(String orgId) {
        String periodsId = AccountingPeriods.idOf(orgId);
        SimpleSerializedObject<byte[]> lastClose = jdbc.execute((Connection connection) -> {
            try (PreparedStatement statement = connection.prepareStatement(LOCK_SHARED_AND_LAST_CLOSE)) {
                bindLockAndLastClose(statement, 1, periodsId);
                statement.execute();
                if (!statement.getMoreResults()) {
                    throw new IllegalStateException("no result for the last close of " + periodsId);
                }
                try (ResultSet rows = statement.getResultSet()) {
                    return serializedClose(rows);
                }
            }
        });
        return closedThrough(orgId, lastClose);
    }

    private static int bindLockAndLastClose(PreparedStatement statement, int first, String periodsId)
            throws SQLException {
        statement.setString(first, periodsId);
        statement.setString(first + 1, periodsId);
        statement.setString(first + 2, CLOSED_TYPE);
        return first + 3;
    }

    private static SimpleSerializedObject<byte[]> serializedClose(ResultSet rows) throws SQLException {
        return rows.next() ? new SimpleSerializedObject<>(rows.getBytes(1), byte[].class, CLOSED_TYPE, rows.getString(2))
                : null;
    }

    /** The closed-through date of the organisation's last close, read as a row of the event table (or none). */
    private Optional<LocalDate> closedThrough(String orgId, SimpleSerializedObject<byte[]> lastClose) {
        if (lastClose == null) {
            return Optional.empty();
        }
        if (!CLOSED_REVISION.equals(lastClose.getType().getRevision())) {
            return Optional.ofNullable(closedThrough(orgId));
        }
        AccountingPeriodClosed closed = eventSerializer.deserialize(lastClose);
        return Optional.of(closed.closedThrough());
    }

    /**
     * The shared lock, the read of the last close and the check of one money command's date, sent
     * with the command's events as one call of {@code ledger_require_open_period} (V509), which
     * decides in PostgreSQL: a refusal fails the call, PostgreSQL skips the events' insert and the
     * COMMIT after it, and the unit of work rolls back (setting 81).
     */
    private final class OpenPeriodCheck implements StagedStatement {

        private final String orgId;
        private final LocalDate date;

        OpenPeriodCheck(String orgId, LocalDate date) {
            this.orgId = orgId;
            this.date = date;
        }

        @Override
        public String sql() {
            return REQUIRE_OPEN_PERIOD;
        }

        @Override
        public int statements() {
            return 1;
        }

        @Override
        public int bind(PreparedStatement statement, int first) throws SQLException {
            statement.setString(first, AccountingPeriods.idOf(orgId));
            statement.setString(first + 1, CLOSED_TYPE);
            statement.setString(first + 2, CLOSED_REVISION);
            statement.setObject(first + 3, date);
            return first + 4;
        }

        @Override
        public boolean decidedInSql() {
            return true;
        }

        @Override
        public RuntimeException translate(SQLException failure) {
            if (CLOSED_STATE.equals(failure.getSQLState()) && failure instanceof PSQLException refused
                    && refused.getServerErrorMessage() != null) {
                LocalDate closedThrough = LocalDate.parse(refused.getServerErrorMessage().getDetail());
                try {
                    PeriodRules.requireOpen(closedThrough, date, orgId);
                } catch (BusinessRuleViolation closed) {
                    return closed;
                }
                throw new IllegalStateException("PostgreSQL refused " + date + " for " + orgId
                        + " as closed through " + closedThrough, failure);
            }
            if (OTHER_REVISION_STATE.equals(failure.getSQLState())) {
                // Only an upcaster can read this close: decide this organisation's money in Java from
                // now on, and once more now (the sender's one retry after a refusal).
                orgsCheckedInJava.add(orgId);
                return new BusinessRuleViolation("PERIOD_CHECK_REPEATED", "the last close of " + orgId
                        + " must be read through the event store: " + failure.getMessage());
            }
            return null;
        }
    }

    /**
     * Takes the organisation's period lock until the transaction ends. Outside a transaction (no
     * database to share one with) there is nothing to hold it for.
     */
    private void lockPeriods(String orgId, String lock) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            jdbc.query(lock, (ResultSet rows) -> null, AccountingPeriods.idOf(orgId));
        }
    }

    /**
     * The last day of the organisation's last closed month, or null when none is closed. Read from
     * every event, never from a snapshot: the periods are snapshotted like any cached aggregate, and
     * a snapshot holds no AccountingPeriodClosed to find (money dated in a closed month was accepted
     * once the periods had a snapshot). Skipping the snapshot look-up is also one statement less
     * per money command.
     */
    LocalDate closedThrough(String orgId) {
        LocalDate closedThrough = null;
        DomainEventStream events = eventStore.readEvents(AccountingPeriods.idOf(orgId), 0);
        while (events.hasNext()) {
            if (events.next().getPayload() instanceof AccountingPeriodClosed closed) {
                closedThrough = closed.closedThrough();
            }
        }
        return closedThrough;
    }
}
