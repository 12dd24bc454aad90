package org.unionledger.api.pool;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;
import static org.unionledger.projections.jooq.Tables.FUND_BALANCE;
import static org.unionledger.projections.jooq.Tables.MEMBER_DIRECTORY;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.queryhandling.QueryGateway;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.unionledger.api.member.MemberDirectory;
import org.unionledger.api.web.NotFound;
import org.unionledger.core.fund.FundCommands.DisburseReservation;
import org.unionledger.core.fund.FundCommands.RecordContribution;
import org.unionledger.core.fund.FundCommands.ReserveFunds;
import org.unionledger.core.fund.FundType;
import org.unionledger.core.fund.PayerType;
import org.unionledger.core.fund.ReservationPurpose;
import org.unionledger.core.pool.CoverageCommands.EnrolCoverage;
import org.unionledger.core.pool.CoverageIds;
import org.unionledger.core.pool.EnrolmentRules;
import org.unionledger.core.pool.Gender;
import org.unionledger.core.pool.Plan;
import org.unionledger.core.pool.PoolCatalogue;
import org.unionledger.core.rule.BusinessRuleViolation;
import org.unionledger.projections.pool.PoolQueries.PoolCatalogueQuery;

/**
 * Turns enrolments into commands and runs them atomically: the coverage (deterministic id) and
 * every money movement it causes are stored in one transaction. For a member or employer: the
 * contribution on the pool's fund. For gifted coverage: a reservation on the union's own fund, its
 * disbursement to the pool ("internal:" + pool fund id) and the contribution on the pool's fund
 * (payer UNION). A duplicate coverage makes the whole unit fail: nothing is paid twice.
 */
@Component
class Enrolments {

    /** The code reported when a member is already enrolled in a plan for a period. */
    static final String DUPLICATE = "MEMBER_MUST_ENROL_ONCE_PER_PLAN_AND_PERIOD";

    private final AtomicCommands atomic;
    private final QueryGateway queries;
    private final DSLContext db;

    Enrolments(AtomicCommands atomic, QueryGateway queries, DSLContext db) {
        this.atomic = atomic;
        this.queries = queries;
        this.db = db;
    }

    PoolCatalogue catalogue(String poolId) {
        PoolCatalogue catalogue = queries.query(new PoolCatalogueQuery(poolId),
                ResponseTypes.instanceOf(PoolCatalogue.class)).join();
        if (catalogue == null) {
            throw new NotFound("POOL_MUST_EXIST", "no pool " + poolId);
        }
        return catalogue;
    }

    /** How long a configuration change may take to show in the pool read model before we answer. */
    private static final long CATALOGUE_WAIT_MS_MAX = 10_000;

    /**
     * Read-your-writes for pool configuration: after creating a pool, a plan or a period, waits
     * (bounded) until the read model shows it, so the next enrolment finds it.
     */
    void awaitCatalogue(String poolId, java.util.function.Predicate<PoolCatalogue> visible) {
        long deadline = System.currentTimeMillis() + CATALOGUE_WAIT_MS_MAX;
        while (System.currentTimeMillis() < deadline) {
            PoolCatalogue catalogue = queries.query(new PoolCatalogueQuery(poolId),
                    ResponseTypes.instanceOf(PoolCatalogue.class)).join();
            if (catalogue != null && visible.test(catalogue)) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The commands of one enrolment, checked against every rule before anything is sent. */
    Planned plan(PoolCatalogue catalogue, EnrolmentLine line, Gender gender, LocalDate today, MetaData metadata,
                 GiftFunds giftFunds) {
        Plan plan = catalogue.plan(line.planCode());
        var period = catalogue.period(line.periodId());
        BusinessRuleViolation.require(line.payerType() != null, "PAYER_TYPE_REQUIRED", "payerType is required");
        String orgId = line.orgId() == null || line.orgId().isBlank() ? catalogue.orgId() : line.orgId();
        String coverageId = CoverageIds.of(catalogue.poolId(), plan.code(), period.periodId(), line.memberId());
        EnrolCoverage enrol = new EnrolCoverage(coverageId, catalogue.poolId(), catalogue.fundId(), line.memberId(),
                orgId, plan, period, line.shares(), line.amountFen(), line.payerType(), blankToNull(line.channel()),
                blankToNull(line.employerId()), blankToNull(line.giftFundId()), today, gender);
        EnrolmentRules.check(enrol);
        List<FundCommand> money = new ArrayList<>();
        String poolFund = catalogue.fundId();
        if (line.payerType() == PayerType.UNION) {
            giftFunds.requireGeneral(enrol.giftFundId());
            String reservationId = CoverageIds.giftReservationOf(coverageId);
            String giftFund = enrol.giftFundId();
            money.add(new FundCommand(giftFund, false, new ReserveFunds(giftFund, reservationId, line.amountFen(),
                    ReservationPurpose.GIFTED_COVERAGE, coverageId)));
            money.add(new FundCommand(giftFund, false, new DisburseReservation(giftFund, reservationId,
                    "internal:" + poolFund, today)));
        }
        money.add(new FundCommand(poolFund, true, new RecordContribution(poolFund, coverageId, line.amountFen(),
                line.payerType(), enrol.channel(), today, null, coverageId)));
        return new Planned(coverageId, GenericCommandMessage.asCommandMessage(enrol).andMetaData(metadata),
                money.stream().map(c -> c.withMetaData(metadata)).toList());
    }

    /**
     * Runs planned enrolments in one transaction: coverages first, then money commands grouped by
     * fund in a fixed order, so concurrent batches never wait on each other's locks: the union
     * funds that gift coverage (GENERAL funds) sorted by id, then the pool's fund last. Every batch
     * of an import shares the pool's fund, and its lock is held until the commit; taken last, it
     * is not held while the gift funds' commands run (docs/PERFORMANCE.md, setting 28).
     */
    void applyAll(Collection<Planned> batch) {
        List<CommandMessage<?>> commands = new ArrayList<>();
        List<FundCommand> money = new ArrayList<>();
        for (Planned planned : batch) {
            commands.add(planned.enrol());
            money.addAll(planned.money());
        }
        money.sort(LOCK_ORDER);
        money.forEach(command -> commands.add(command.message()));
        atomic.sendAll(commands);
    }

    /** Applies one enrolment; a member already enrolled is a broken rule. */
    void applyOne(Planned planned) {
        try {
            applyAll(List.of(planned));
        } catch (RuntimeException failure) {
            if (isDuplicate(failure)) {
                throw new BusinessRuleViolation(DUPLICATE, "the member is already enrolled in this plan for this "
                        + "period (" + planned.coverageId() + ")");
            }
            throw failure;
        }
    }

    static boolean isDuplicate(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof AggregateStreamCreationException) {
                return true;
            }
        }
        return false;
    }

    /** Which of these coverages already exist in the event store (one indexed query). */
    Set<String> existing(Collection<String> coverageIds) {
        if (coverageIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(db.select(field("aggregateidentifier", String.class))
                .from(table("domainevententry"))
                .where(field("aggregateidentifier", String.class).in(coverageIds))
                .and(field("sequencenumber", Long.class).eq(0L))
                .fetch(0, String.class));
    }

    /** Genders of members from the directory; members not in it are UNKNOWN. */
    Map<String, Gender> genders(Collection<String> memberIds) {
        Map<String, Gender> genders = new HashMap<>();
        registered(memberIds).forEach((memberId, member) -> genders.put(memberId, member.gender()));
        return genders;
    }

    /** What the directory says of these members (one query); members not in it are absent. */
    Map<String, Registered> registered(Collection<String> memberIds) {
        Map<String, Registered> registered = new HashMap<>();
        if (!memberIds.isEmpty()) {
            db.select(MEMBER_DIRECTORY.MEMBER_ID, MEMBER_DIRECTORY.GENDER, MEMBER_DIRECTORY.ORG_ID)
                    .from(MEMBER_DIRECTORY)
                    .where(MEMBER_DIRECTORY.MEMBER_ID.in(memberIds))
                    .forEach(row -> registered.put(row.value1(),
                            new Registered(Gender.valueOf(row.value2()), row.value3())));
        }
        return registered;
    }

    /** A member of the directory: the gender the plans ask about and the organisation they belong to. */
    record Registered(Gender gender, String orgId) {

        /** The line as it may be applied: in the directory's organisation (a line naming another is refused). */
        EnrolmentLine placed(EnrolmentLine line) {
            String orgId = MemberDirectory.orgFor(line.memberId(), orgId(), line.orgId());
            return new EnrolmentLine(line.memberId(), line.planCode(), line.periodId(), line.shares(),
                    line.amountFen(), line.payerType(), line.channel(), line.employerId(), line.giftFundId(), orgId);
        }
    }

    GiftFunds giftFunds() {
        return new GiftFunds();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** One enrolment, ready to send. */
    record Planned(String coverageId, CommandMessage<?> enrol, List<FundCommand> money) {

        int events() {
            return 1 + money.size();
        }
    }

    /** Gift funds by id, then pool funds by id (an import has one; a gift fund is never a pool's fund). */
    static final Comparator<FundCommand> LOCK_ORDER = Comparator.comparing(FundCommand::poolFund)
            .thenComparing(FundCommand::fundId);

    /**
     * A command on a fund, with the fund's id for lock ordering.
     *
     * @param poolFund the fund is a pool's fund (it receives the contribution), not a gift fund
     */
    record FundCommand(String fundId, boolean poolFund, CommandMessage<?> message) {

        FundCommand(String fundId, boolean poolFund, Object command) {
            this(fundId, poolFund, GenericCommandMessage.asCommandMessage(command));
        }

        FundCommand withMetaData(MetaData metadata) {
            return new FundCommand(fundId, poolFund, message.andMetaData(metadata));
        }
    }

    /** Union funds that pay for gifted coverage must be GENERAL funds; looked up once per fund. */
    final class GiftFunds {

        private final Map<String, String> types = new ConcurrentHashMap<>();

        void requireGeneral(String fundId) {
            String type = types.computeIfAbsent(fundId, id -> db.select(FUND_BALANCE.FUND_TYPE).from(FUND_BALANCE)
                    .where(FUND_BALANCE.FUND_ID.eq(id)).fetchOptional(FUND_BALANCE.FUND_TYPE).orElse(""));
            BusinessRuleViolation.require(!type.isEmpty(), "GIFT_FUND_MUST_EXIST", "no fund " + fundId);
            BusinessRuleViolation.require(FundType.GENERAL.name().equals(type), "GIFT_FUND_MUST_BE_GENERAL",
                    "gifted coverage is paid from one of the union's GENERAL funds; " + fundId + " is " + type);
        }
    }
}
