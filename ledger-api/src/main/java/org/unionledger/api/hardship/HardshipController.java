package org.unionledger.api.hardship;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.unionledger.api.fund.FundsOnRecord;
import org.unionledger.api.idempotency.IdempotentCommandSender;
import org.unionledger.api.member.MemberDirectory;
import org.unionledger.api.security.ScopeGuard;
import org.unionledger.api.web.NotFound;
import org.unionledger.core.fund.FundCommands.DisburseReservation;
import org.unionledger.core.fund.FundType;
import org.unionledger.core.hardship.AssistanceType;
import org.unionledger.core.hardship.ExitReason;
import org.unionledger.core.hardship.HardshipCause;
import org.unionledger.core.hardship.HardshipCommands.ApproveGrant;
import org.unionledger.core.hardship.HardshipCommands.ExitHardship;
import org.unionledger.core.hardship.HardshipCommands.FlagDeepHardship;
import org.unionledger.core.hardship.HardshipCommands.ProposeGrant;
import org.unionledger.core.hardship.HardshipCommands.RecordAnnualReview;
import org.unionledger.core.hardship.HardshipCommands.RecordVerificationCheck;
import org.unionledger.core.hardship.HardshipCommands.ReenterHardship;
import org.unionledger.core.hardship.HardshipCommands.RegisterHardshipCase;
import org.unionledger.core.hardship.HardshipCommands.RejectGrant;
import org.unionledger.core.hardship.HardshipCommands.RetryGrantReservation;
import org.unionledger.core.hardship.HardshipGrants;
import org.unionledger.core.hardship.InKindGoods;
import org.unionledger.core.rule.Ids;
import org.unionledger.projections.hardship.HardshipCaseQuery;
import org.unionledger.projections.hardship.HardshipCaseView;
import org.unionledger.projections.hardship.HardshipRegisterQuery;
import org.unionledger.projections.hardship.HardshipRegisterView;
import org.unionledger.projections.hardship.HardshipStatisticsQuery;
import org.unionledger.projections.hardship.HardshipStatisticsView;

/**
 * Hardship households: register, verify, review, exit and re-enter; grants proposed by one case
 * worker, approved by another, paid by a finance officer out of the hardship fund. Reads come
 * from the register projection (it follows the writes within moments).
 */
@RestController
@Tag(name = "Hardship")
class HardshipController {

    private static final ZoneId BOOKS_ZONE = ZoneId.of("Asia/Shanghai");

    private final IdempotentCommandSender commands;
    private final QueryGateway queries;
    private final HardshipProperties properties;
    private final ScopeGuard scope;
    private final FundsOnRecord funds;
    private final MemberDirectory members;

    HardshipController(IdempotentCommandSender commands, QueryGateway queries, HardshipProperties properties,
                       ScopeGuard scope, FundsOnRecord funds, MemberDirectory members) {
        this.scope = scope;
        this.members = members;
        this.funds = funds;
        this.commands = commands;
        this.queries = queries;
        this.properties = properties;
    }

    @PostMapping("/hardship-cases")
    @PreAuthorize(HardshipRoles.CASEWORK)
    @Operation(summary = "Register a household; caseId is chosen by the client. The required checks and yearly "
            + "caps are taken from configuration (ledger.hardship)")
    ResponseEntity<CaseAnswer> register(@Valid @RequestBody RegistrationRequest request) {
        scope.requireNamedOrg(request.orgId());
        String orgId = members.orgFor(request.memberId(), request.orgId());
        var outcome = commands.send(new RegisterHardshipCase(request.caseId(), request.memberId(), orgId,
                        request.householdSize(), request.monthlyIncomePerHeadFen(), request.causes(),
                        properties.requiredChecksFor(orgId), properties.yearlyCapsFen(),
                        orToday(request.registeredOn())),
                "RegisterHardshipCase:" + request.caseId(), request);
        return ResponseEntity.created(URI.create("/hardship-cases/" + request.caseId()))
                .header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
                .body(new CaseAnswer(request.caseId()));
    }

    @PostMapping("/hardship-cases/{caseId}/verifications")
    @PreAuthorize(HardshipRoles.CASEWORK)
    @Operation(summary = "Record one department's check (passed or failed with a note); the case is verified "
            + "when every required department passed")
    ResponseEntity<CaseAnswer> verify(@PathVariable String caseId, @Valid @RequestBody CheckRequest request) {
        requireCase(caseId);
        commands.sendPlain(new RecordVerificationCheck(caseId, request.department(), request.passed(), request.note(),
                orToday(request.checkedOn())));
        return ResponseEntity.created(URI.create("/hardship-cases/" + caseId)).body(new CaseAnswer(caseId));
    }

    @PostMapping("/hardship-cases/{caseId}/deep-hardship-certificates")
    @PreAuthorize(HardshipRoles.CASEWORK)
    @Operation(summary = "Flag the household as in deep hardship, with its certificate number")
    ResponseEntity<CaseAnswer> deepHardship(@PathVariable String caseId,
                                            @Valid @RequestBody CertificateRequest request) {
        requireCase(caseId);
        commands.sendPlain(new FlagDeepHardship(caseId, request.certificateNumber(), orToday(request.flaggedOn())));
        return ResponseEntity.created(URI.create("/hardship-cases/" + caseId)).body(new CaseAnswer(caseId));
    }

    @PostMapping("/hardship-cases/{caseId}/reviews")
    @PreAuthorize(HardshipRoles.CASEWORK)
    @Operation(summary = "Record the annual review of the household (one per year)")
    ResponseEntity<CaseAnswer> review(@PathVariable String caseId, @Valid @RequestBody ReviewRequest request) {
        requireCase(caseId);
        LocalDate reviewedOn = orToday(request.reviewedOn());
        int year = request.year() != null ? request.year() : reviewedOn.getYear();
        commands.sendPlain(new RecordAnnualReview(caseId, year, request.householdSize(),
                request.monthlyIncomePerHeadFen(), request.note(), reviewedOn));
        return ResponseEntity.created(URI.create("/hardship-cases/" + caseId)).body(new CaseAnswer(caseId));
    }

    @PostMapping("/hardship-cases/{caseId}/exits")
    @PreAuthorize(HardshipRoles.CASEWORK)
    @Operation(summary = "The household leaves hardship, with a reason code")
    ResponseEntity<CaseAnswer> exit(@PathVariable String caseId, @Valid @RequestBody ExitRequest request) {
        requireCase(caseId);
        commands.sendPlain(new ExitHardship(caseId, request.reason(), request.note(), orToday(request.exitedOn())));
        return ResponseEntity.created(URI.create("/hardship-cases/" + caseId)).body(new CaseAnswer(caseId));
    }

    @PostMapping("/hardship-cases/{caseId}/reentries")
    @PreAuthorize(HardshipRoles.CASEWORK)
    @Operation(summary = "An exited household falls back into hardship; it must be verified again")
    ResponseEntity<CaseAnswer> reenter(@PathVariable String caseId, @Valid @RequestBody ReentryRequest request) {
        requireCase(caseId);
        HardshipCaseView known = caseView(caseId);
        commands.sendPlain(new ReenterHardship(caseId, request.causes(), properties.requiredChecksFor(known.orgId()),
                request.note(), orToday(request.reenteredOn())));
        return ResponseEntity.created(URI.create("/hardship-cases/" + caseId)).body(new CaseAnswer(caseId));
    }

    @PostMapping("/hardship-cases/{caseId}/grants")
    @PreAuthorize(HardshipRoles.CASEWORK)
    @Operation(summary = "Propose assistance (maker); grantId is chosen by the client. Cash: cashAmountFen; "
            + "goods: goods {description, quantity, unitValueFen}")
    ResponseEntity<GrantAnswer> propose(@PathVariable String caseId, @Valid @RequestBody GrantRequest request) {
        requireCase(caseId);
        scope.requireFund(request.fundId());
        // The case decides whether the fund may pay a grant (FUND_MUST_BE_HARDSHIP_FUND); the fund's
        // type is read from its own events, so a fund opened a moment ago is known.
        Ids.requireValid("fundId", request.fundId());
        FundType fundType = funds.typeOf(request.fundId())
                .orElseThrow(() -> new NotFound("FUND_MUST_EXIST", "no fund " + request.fundId()));
        var outcome = commands.send(new ProposeGrant(caseId, request.grantId(), request.fundId(), fundType,
                        request.type(), request.cashAmountFen() == null ? 0 : request.cashAmountFen(), request.goods(),
                        request.childId(), request.note(), orToday(request.proposedOn())),
                "ProposeGrant:" + caseId + ":" + request.grantId(), new Keyed(caseId, request));
        return ResponseEntity.created(URI.create("/hardship-cases/" + caseId))
                .header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
                .body(new GrantAnswer(caseId, request.grantId(), "PROPOSED"));
    }

    @PostMapping("/hardship-cases/{caseId}/grants/{grantId}/approvals")
    @PreAuthorize(HardshipRoles.APPROVE)
    @Operation(summary = "Approve a proposed grant (checker: not the proposer). The money is then reserved on the "
            + "hardship fund, or the grant is marked awaiting funds")
    ResponseEntity<GrantAnswer> approve(@PathVariable String caseId, @PathVariable String grantId,
                                        @RequestBody(required = false) ApprovalRequest request) {
        requireCase(caseId);
        LocalDate approvedOn = orToday(request == null ? null : request.approvedOn());
        commands.sendPlain(new ApproveGrant(caseId, grantId, approvedOn));
        return ResponseEntity.created(URI.create("/hardship-cases/" + caseId))
                .body(new GrantAnswer(caseId, grantId, "APPROVED"));
    }

    @PostMapping("/hardship-cases/{caseId}/grants/{grantId}/rejections")
    @PreAuthorize(HardshipRoles.APPROVE)
    @Operation(summary = "Reject a proposed grant with a reason (checker: not the proposer); no money moves")
    ResponseEntity<GrantAnswer> reject(@PathVariable String caseId, @PathVariable String grantId,
                                       @Valid @RequestBody RejectionRequest request) {
        requireCase(caseId);
        commands.sendPlain(new RejectGrant(caseId, grantId, request.reason(), orToday(request.rejectedOn())));
        return ResponseEntity.created(URI.create("/hardship-cases/" + caseId))
                .body(new GrantAnswer(caseId, grantId, "REJECTED"));
    }

    @PostMapping("/hardship-cases/{caseId}/grants/{grantId}/reservations")
    @PreAuthorize(HardshipRoles.RETRY_RESERVATION)
    @Operation(summary = "Ask the hardship fund again for the money of a grant awaiting funds")
    ResponseEntity<GrantAnswer> retryReservation(@PathVariable String caseId, @PathVariable String grantId) {
        requireCase(caseId);
        commands.sendPlain(new RetryGrantReservation(caseId, grantId));
        return ResponseEntity.accepted().body(new GrantAnswer(caseId, grantId, "APPROVED"));
    }

    @PostMapping("/hardship-cases/{caseId}/grants/{grantId}/payments")
    @PreAuthorize(HardshipRoles.PAY)
    @Operation(summary = "Pay an approved, reserved grant out of the hardship fund (DisburseReservation); "
            + "the case records the grant as paid moments later")
    ResponseEntity<PaymentAnswer> pay(@PathVariable String caseId, @PathVariable String grantId,
                                      @Valid @RequestBody PaymentRequest request) {
        var grant = scopedCase(caseId).grants().stream().filter(g -> g.grantId().equals(grantId)).findFirst()
                .orElseThrow(() -> new NotFound("GRANT_MUST_EXIST", "case " + caseId + " has no grant " + grantId));
        String reservationId = HardshipGrants.reservationId(caseId, grantId);
        LocalDate paidOn = orToday(request.paidOn());
        var outcome = commands.send(new DisburseReservation(grant.fundId(), reservationId,
                        request.paymentReference(), paidOn),
                "DisburseReservation:" + grant.fundId() + ":" + reservationId, new Keyed(caseId + "/" + grantId,
                        request));
        return ResponseEntity.created(URI.create("/hardship-cases/" + caseId))
                .header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
                .body(new PaymentAnswer(caseId, grantId, grant.fundId(), reservationId, grant.amountFen(),
                        request.paymentReference(), paidOn));
    }

    @GetMapping("/hardship-cases/{caseId}")
    @PreAuthorize(HardshipRoles.READ)
    @Operation(summary = "A household's case: status, checks, grants")
    HardshipCaseView get(@PathVariable String caseId) {
        return scopedCase(caseId);
    }

    @GetMapping("/hardship/register")
    @PreAuthorize(HardshipRoles.READ)
    @Operation(summary = "The register: counts of active and exited households and the first rows; filters: "
            + "status (REGISTERED, VERIFIED, EXITED, ACTIVE), cause, orgId")
    HardshipRegisterView register(@RequestParam(required = false) String status,
                                  @RequestParam(required = false) HardshipCause cause,
                                  @RequestParam(required = false) String orgId,
                                  @RequestParam(defaultValue = "100") int limit) {
        if (status != null && !Set.of("REGISTERED", "VERIFIED", "EXITED", "ACTIVE").contains(status)) {
            throw new IllegalArgumentException("status must be REGISTERED, VERIFIED, EXITED or ACTIVE");
        }
        return queries.query(new HardshipRegisterQuery(status, cause, scope.orgFilter(orgId, "ORG_MUST_EXIST"), limit),
                ResponseTypes.instanceOf(HardshipRegisterView.class)).join();
    }

    @GetMapping("/hardship/statistics")
    @PreAuthorize(HardshipRoles.READ)
    @Operation(summary = "Assistance paid by type, month and organisation; money raised by source against money "
            + "spent; exit rate per year")
    HardshipStatisticsView statistics(@RequestParam(required = false) String orgId) {
        return queries.query(new HardshipStatisticsQuery(scope.orgFilter(orgId, "ORG_MUST_EXIST")),
                ResponseTypes.instanceOf(HardshipStatisticsView.class)).join();
    }

    /** The case, answered like an unknown one when it is outside the caller's organisation subtree. */
    private HardshipCaseView scopedCase(String caseId) {
        HardshipCaseView view = caseView(caseId);
        scope.requireObject(view.orgId(), "HARDSHIP_CASE_MUST_EXIST", "no hardship case " + caseId);
        return view;
    }

    /** Users who see every organisation skip the read (a case just registered may not be readable yet). */
    private void requireCase(String caseId) {
        if (!scope.seesAll()) {
            scopedCase(caseId);
        }
    }

    private HardshipCaseView caseView(String caseId) {
        HardshipCaseView view = queries.query(new HardshipCaseQuery(caseId),
                ResponseTypes.instanceOf(HardshipCaseView.class)).join();
        if (view == null) {
            throw new NotFound("HARDSHIP_CASE_MUST_EXIST", "no hardship case " + caseId);
        }
        return view;
    }

    private static LocalDate orToday(LocalDate date) {
        return date != null ? date : LocalDate.now(BOOKS_ZONE);
    }

    record RegistrationRequest(@NotBlank @Size(max = 100) String caseId, @NotBlank @Size(max = 100) String memberId,
                               @NotBlank @Size(max = 100) String orgId, @NotNull Integer householdSize,
                               @NotNull Long monthlyIncomePerHeadFen, @NotEmpty Set<HardshipCause> causes,
                               LocalDate registeredOn) {
    }

    record CheckRequest(@NotBlank @Size(max = 100) String department, @NotNull Boolean passed,
                        @Size(max = 500) String note, LocalDate checkedOn) {
    }

    record CertificateRequest(@NotBlank @Size(max = 64) String certificateNumber, LocalDate flaggedOn) {
    }

    record ReviewRequest(Integer year, @NotNull Integer householdSize, @NotNull Long monthlyIncomePerHeadFen,
                         @Size(max = 500) String note, LocalDate reviewedOn) {
    }

    record ExitRequest(@NotNull ExitReason reason, @Size(max = 500) String note, LocalDate exitedOn) {
    }

    record ReentryRequest(@NotEmpty Set<HardshipCause> causes, @Size(max = 500) String note,
                          LocalDate reenteredOn) {
    }

    record GrantRequest(@NotBlank @Size(max = 100) String grantId, @NotBlank @Size(max = 100) String fundId,
                        @NotNull AssistanceType type, Long cashAmountFen, @Valid InKindGoods goods,
                        @Size(max = 100) String childId, @Size(max = 500) String note, LocalDate proposedOn) {
    }

    record ApprovalRequest(LocalDate approvedOn) {
    }

    record RejectionRequest(@NotBlank @Size(max = 500) String reason, LocalDate rejectedOn) {
    }

    record PaymentRequest(@NotBlank @Size(max = 100) String paymentReference, LocalDate paidOn) {
    }

    record CaseAnswer(String caseId) {
    }

    record GrantAnswer(String caseId, String grantId, String status) {
    }

    record PaymentAnswer(String caseId, String grantId, String fundId, String reservationId, long amountFen,
                         String paymentReference, LocalDate paidOn) {
    }

    /** What an idempotency hash covers: the path's ids and the body. */
    record Keyed(String target, Object body) {
    }
}
