package org.unionledger.api.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.unionledger.core.fund.FundEvents.FundOpened;
import org.unionledger.core.period.AccountingPeriods;
import org.unionledger.core.period.PeriodCommands.CloseAccountingPeriod;
import org.unionledger.core.period.PeriodEvents.AccountingPeriodClosed;
import org.unionledger.core.period.PeriodRules;

/**
 * Enforces closed periods on every dated money command of a fund, whoever sends it (the API or a
 * process manager): before the Fund's command handler runs, in the same unit of work and
 * transaction, it reads the fund's organisation and that organisation's closed-through date from
 * the event store (the truth, not a projection that may lag), and refuses money dated inside a
 * closed period with PERIOD_MUST_BE_OPEN. Fund.java stays untouched.
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
 * (docs/PERFORMANCE.md, setting 60). A close earlier in the same unit of work is not in the table
 * yet: its date is kept in the unit of work for the money after it.
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
    private static final String CLOSED_TYPE = AccountingPeriodClosed.class.getName();
    private static final String CLOSED_REVISION = AccountingPeriodClosed.class.getAnnotation(Revision.class).value();

    private final EventStore eventStore;
    private final JdbcTemplate jdbc;
    /** Set when the events live in PostgreSQL beside the lock (not with Axon Server): read them there directly. */
    private final Serializer eventSerializer;
    private final Map<String, String> orgOfFund = new ConcurrentHashMap<>();

    /** Reads the periods through the event store (Axon Server). */
    ClosedPeriodGuard(EventStore eventStore, JdbcTemplate jdbc) {
        this(eventStore, jdbc, null);
    }

    /**
     * Reads the last close from Axon's JDBC event table in the lock's round trip, deserialized with
     * the event store's {@code eventSerializer}.
     */
    ClosedPeriodGuard(EventStore eventStore, JdbcTemplate jdbc, Serializer eventSerializer) {
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.eventSerializer = eventSerializer;
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
                PeriodRules.requireOpen(closedThroughIn(unitOfWork, orgId.get()), date.get(), orgId.get());
            }
        }
        return chain.proceed();
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
                statement.setString(1, periodsId);
                statement.setString(2, periodsId);
                statement.setString(3, CLOSED_TYPE);
                statement.execute();
                if (!statement.getMoreResults()) {
                    throw new IllegalStateException("no result for the last close of " + periodsId);
                }
                try (ResultSet rows = statement.getResultSet()) {
                    return rows.next()
                            ? new SimpleSerializedObject<>(rows.getBytes(1), byte[].class, CLOSED_TYPE, rows.getString(2))
                            : null;
                }
            }
        });
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
