package org.unionledger.api.pool;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.unionledger.api.idempotency.IdempotentCommandSender;
import org.unionledger.api.member.MemberDirectory;
import org.unionledger.api.security.Roles;
import org.unionledger.api.security.ScopeGuard;
import org.unionledger.core.fund.FundCommands.OpenFund;
import org.unionledger.core.fund.FundType;
import org.unionledger.core.fund.PayerType;
import org.unionledger.core.pool.CoverageIds;
import org.unionledger.core.pool.Gender;
import org.unionledger.core.pool.Plan;
import org.unionledger.core.pool.PoolCatalogue;
import org.unionledger.core.pool.PoolCommands.AddPlan;
import org.unionledger.core.pool.PoolCommands.CreatePool;
import org.unionledger.core.pool.PoolCommands.OpenCoveragePeriod;
import org.unionledger.core.rule.BusinessRuleViolation;
import org.unionledger.projections.pool.PoolQueries.CoverageSummaryQuery;
import org.unionledger.projections.pool.PoolQueries.CoverageSummaryView;

/** Mutual-aid pools: create one, add plans and periods, enrol members, import files, read coverage. */
@RestController
@RequestMapping("/pools")
@Tag(name = "Mutual-aid pools")
class PoolController {

    private final IdempotentCommandSender commands;
    private final AtomicCommands atomic;
    private final KeyedRequests keyed;
    private final Enrolments enrolments;
    private final EnrolmentImporter importer;
    private final QueryGateway queries;
    private final ScopeGuard scope;
    private final MemberDirectory members;

    PoolController(IdempotentCommandSender commands, AtomicCommands atomic, KeyedRequests keyed,
                   Enrolments enrolments, EnrolmentImporter importer, QueryGateway queries, ScopeGuard scope,
                   MemberDirectory members) {
        this.scope = scope;
        this.members = members;
        this.commands = commands;
        this.atomic = atomic;
        this.keyed = keyed;
        this.enrolments = enrolments;
        this.importer = importer;
        this.queries = queries;
    }

    static String fundIdOf(String poolId) {
        return poolId + "-fund";
    }

    @PostMapping
    @PreAuthorize(Roles.MOVE_MONEY)
    @Operation(summary = "Create a pool with the seed plans, and open its MUTUAL_AID_POOL fund ({poolId}-fund), "
            + "in one transaction")
    ResponseEntity<CreatedPool> create(@Valid @RequestBody CreatePoolRequest request) {
        scope.requireNamedOrg(request.orgId());
        String key = "CreatePool:" + request.poolId();
        String fundId = fundIdOf(request.poolId());
        CreatedPool created = new CreatedPool(request.poolId(), request.orgId(), request.name(), fundId);
        if (keyed.alreadyDone(key, request)) {
            return ResponseEntity.created(URI.create("/pools/" + request.poolId()))
                    .header("Idempotent-Replayed", "true").body(created);
        }
        MetaData metadata = KeyedRequests.actorMetadata();
        try {
            atomic.sendAll(List.of(
                    GenericCommandMessage.asCommandMessage(new CreatePool(request.poolId(), request.orgId(),
                            request.name(), fundId)).andMetaData(KeyedRequests.keyed(metadata, key, request)),
                    GenericCommandMessage.asCommandMessage(new OpenFund(fundId, request.orgId(),
                            request.name().strip() + " (fund)", FundType.MUTUAL_AID_POOL)).andMetaData(metadata)));
        } catch (RuntimeException failure) {
            if (KeyedRequests.isConcurrentDuplicate(failure) && keyed.alreadyDone(key, request)) {
                return ResponseEntity.created(URI.create("/pools/" + request.poolId()))
                        .header("Idempotent-Replayed", "true").body(created);
            }
            if (Enrolments.isDuplicate(failure)) {
                throw new BusinessRuleViolation("POOL_ID_MUST_BE_UNIQUE",
                        "a pool or fund already uses id " + request.poolId());
            }
            throw failure;
        }
        enrolments.awaitCatalogue(request.poolId(), catalogue -> true);
        return ResponseEntity.created(URI.create("/pools/" + request.poolId()))
                .header("Idempotent-Replayed", "false").body(created);
    }

    @GetMapping("/{poolId}")
    @PreAuthorize(Roles.READ_FUNDS)
    @Operation(summary = "A pool's fund, plans and periods")
    PoolCatalogue pool(@PathVariable String poolId) {
        return scopedCatalogue(poolId);
    }

    /** The pool's catalogue; a pool outside the caller's organisation subtree is answered like an unknown one. */
    private PoolCatalogue scopedCatalogue(String poolId) {
        PoolCatalogue catalogue = enrolments.catalogue(poolId);
        scope.requireObject(catalogue.orgId(), "POOL_MUST_EXIST", "no pool " + poolId);
        return catalogue;
    }

    /** Users who see every organisation skip the read (a pool just created may not be readable yet). */
    private void requirePool(String poolId) {
        if (!scope.seesAll()) {
            scopedCatalogue(poolId);
        }
    }

    @PostMapping("/{poolId}/plans")
    @PreAuthorize(Roles.MOVE_MONEY)
    @Operation(summary = "Add a plan to a pool")
    ResponseEntity<Plan> addPlan(@PathVariable String poolId, @Valid @RequestBody PlanRequest request) {
        requirePool(poolId);
        Plan plan = new Plan(request.code(), request.name(), request.contributionPerShareFen(), request.sharesMin(),
                request.sharesMax(), request.benefitCapFen(), request.fixedBenefitFen(), request.waitingPeriodDays(),
                request.femaleOnly(), request.deductibleFen(), request.reimbursementRateBasisPoints(),
                request.claimCapFen());
        commands.sendPlain(new AddPlan(poolId, plan));
        enrolments.awaitCatalogue(poolId, catalogue -> catalogue.plans().containsKey(plan.code()));
        return ResponseEntity.status(HttpStatus.CREATED).body(plan);
    }

    @PostMapping("/{poolId}/periods")
    @PreAuthorize(Roles.MOVE_MONEY)
    @Operation(summary = "Open a coverage period; periods of the same plan must not overlap")
    ResponseEntity<PeriodRequest> openPeriod(@PathVariable String poolId, @Valid @RequestBody PeriodRequest request) {
        requirePool(poolId);
        commands.sendPlain(new OpenCoveragePeriod(poolId, request.periodId(), request.startDate(), request.endDate(),
                request.planCodes() == null ? Set.of() : request.planCodes()));
        enrolments.awaitCatalogue(poolId, catalogue -> hasPeriod(catalogue, request.periodId()));
        return ResponseEntity.status(HttpStatus.CREATED).body(request);
    }

    @PostMapping("/{poolId}/enrolments")
    @PreAuthorize(Roles.MOVE_MONEY)
    @Operation(summary = "Enrol one member in a plan for a period and record who pays (MEMBER, EMPLOYER, or "
            + "UNION from giftFundId); the coverage id is derived, so a member enrols once per plan and period")
    ResponseEntity<Enrolled> enrol(@PathVariable String poolId, @Valid @RequestBody EnrolmentRequest request) {
        PoolCatalogue catalogue = scopedCatalogue(poolId);
        String orgId = members.orgFor(request.memberId(), request.orgId());
        scope.requireNamedOrg(orgId);
        if (request.giftFundId() != null) {
            scope.requireFund(request.giftFundId());
        }
        String coverageId = CoverageIds.of(poolId, request.planCode(), request.periodId(), request.memberId());
        String key = "EnrolCoverage:" + coverageId;
        KeyedEnrolment hashed = new KeyedEnrolment(poolId, request);
        Enrolled enrolled = new Enrolled(coverageId, poolId, request.memberId(), request.planCode(),
                request.periodId(), request.shares(), request.amountFen(), request.payerType());
        URI location = URI.create("/members/" + request.memberId() + "/coverage");
        if (keyed.alreadyDone(key, hashed)) {
            return ResponseEntity.created(location).header("Idempotent-Replayed", "true").body(enrolled);
        }
        EnrolmentLine line = new EnrolmentLine(request.memberId(), request.planCode(), request.periodId(),
                request.shares(), request.amountFen(), request.payerType(), request.channel(), request.employerId(),
                request.giftFundId(), orgId);
        Gender gender = enrolments.genders(List.of(request.memberId())).getOrDefault(request.memberId(),
                Gender.UNKNOWN);
        var planned = enrolments.plan(catalogue, line, gender, PoolClock.today(),
                KeyedRequests.actorMetadata(), enrolments.giftFunds());
        Enrolments.Planned withKey = new Enrolments.Planned(planned.coverageId(),
                planned.enrol().andMetaData(KeyedRequests.keyed(MetaData.emptyInstance(), key, hashed)),
                planned.money());
        try {
            enrolments.applyOne(withKey);
        } catch (RuntimeException failure) {
            if (KeyedRequests.isConcurrentDuplicate(failure) && keyed.alreadyDone(key, hashed)) {
                return ResponseEntity.created(location).header("Idempotent-Replayed", "true").body(enrolled);
            }
            throw failure;
        }
        return ResponseEntity.created(location).header("Idempotent-Replayed", "false").body(enrolled);
    }

    @PostMapping(path = "/{poolId}/enrolment-imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize(Roles.MOVE_MONEY)
    @Operation(summary = "Import a CSV file of enrolments (header: " + EnrolmentImporter.HEADER + "); valid lines "
            + "are applied, rejected lines are reported with the rule they broke, members already enrolled are "
            + "skipped, so a re-run adds nothing")
    EnrolmentImporter.ImportReport importFile(@PathVariable String poolId, @RequestPart("file") MultipartFile file,
            @RequestParam(defaultValue = "1") @Min(1) int firstLineNumber) throws IOException {
        requirePool(poolId);
        if (file.getSize() > EnrolmentImporter.FILE_BYTES_MAX) {
            throw new BusinessRuleViolation("IMPORT_FILE_MUST_NOT_EXCEED_LIMIT", "an import file has at most "
                    + EnrolmentImporter.FILE_BYTES_MAX + " bytes; send larger files in parts");
        }
        try (InputStream in = file.getInputStream()) {
            return importer.run(poolId, in, KeyedRequests.actorMetadata(), firstLineNumber, done -> {
            });
        }
    }

    @GetMapping("/{poolId}/coverage")
    @PreAuthorize(Roles.READ_FUNDS)
    @Operation(summary = "Coverage by period x plan x org x payer type: members enrolled, gifted, contributions")
    CoverageSummaryView coverage(@PathVariable String poolId, @RequestParam(required = false) String periodId,
                                 @RequestParam(required = false) String planCode,
                                 @RequestParam(required = false) String orgId) {
        requirePool(poolId);
        return queries.query(new CoverageSummaryQuery(poolId, periodId, planCode, orgId),
                ResponseTypes.instanceOf(CoverageSummaryView.class)).join();
    }

    record CreatePoolRequest(@NotBlank @Size(max = 40) String poolId, @NotBlank @Size(max = 100) String orgId,
                             @NotBlank @Size(max = 200) String name) {
    }

    record CreatedPool(String poolId, String orgId, String name, String fundId) {
    }

    record PlanRequest(@NotBlank @Size(max = 30) String code, @NotBlank @Size(max = 200) String name,
                       long contributionPerShareFen, int sharesMin, int sharesMax, long benefitCapFen,
                       long fixedBenefitFen, int waitingPeriodDays, boolean femaleOnly, long deductibleFen,
                       int reimbursementRateBasisPoints, long claimCapFen) {
    }

    record PeriodRequest(@NotBlank @Size(max = 100) String periodId, @NotNull LocalDate startDate,
                         @NotNull LocalDate endDate, @Size(max = 20) Set<String> planCodes) {
    }

    record EnrolmentRequest(@NotBlank @Size(max = 60) String memberId, @NotBlank @Size(max = 30) String planCode,
                            @NotBlank @Size(max = 100) String periodId, @Min(1) @Max(100) int shares,
                            @NotNull Long amountFen, @NotNull PayerType payerType, @Size(max = 100) String channel,
                            @Size(max = 100) String employerId, @Size(max = 100) String giftFundId,
                            @Size(max = 100) String orgId) {
    }

    record Enrolled(String coverageId, String poolId, String memberId, String planCode, String periodId, int shares,
                    long amountFen, PayerType payerType) {
    }

    /** What an enrolment's idempotency hash covers: the pool in the path and the body. */
    record KeyedEnrolment(String poolId, EnrolmentRequest body) {
    }

    private static boolean hasPeriod(PoolCatalogue catalogue, String periodId) {
        try {
            return catalogue.period(periodId) != null;
        } catch (RuntimeException notYetVisible) {
            return false;
        }
    }
}
