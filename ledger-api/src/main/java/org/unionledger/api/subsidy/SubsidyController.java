package org.unionledger.api.subsidy;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.unionledger.api.idempotency.IdempotentCommandSender;
import org.unionledger.api.member.MemberDirectory;
import org.unionledger.api.security.Roles;
import org.unionledger.api.security.ScopeGuard;
import org.unionledger.api.web.NotFound;
import org.unionledger.core.fund.FundCommands.OpenFund;
import org.unionledger.core.fund.FundCommands.RecordContribution;
import org.unionledger.core.fund.FundType;
import org.unionledger.core.fund.PayerType;
import org.unionledger.core.rule.BusinessRuleViolation;
import org.unionledger.core.subsidy.AmountRule;
import org.unionledger.core.subsidy.EligibilityCriterion;
import org.unionledger.core.subsidy.FundingSource;
import org.unionledger.core.subsidy.PaymentMethod;
import org.unionledger.core.subsidy.SubsidyCommands.ApplyForSubsidy;
import org.unionledger.core.subsidy.SubsidyCommands.ApproveSubsidyApplication;
import org.unionledger.core.subsidy.SubsidyCommands.LaunchSubsidyProgram;
import org.unionledger.core.subsidy.SubsidyCommands.PaySubsidyGrant;
import org.unionledger.core.subsidy.SubsidyCommands.RejectSubsidyApplication;
import org.unionledger.core.subsidy.SubsidyProgram;
import org.unionledger.projections.org.OrgQuery;
import org.unionledger.projections.org.OrgView;
import org.unionledger.projections.subsidy.ProgramUtilisationQuery;
import org.unionledger.projections.subsidy.ProgramUtilisationView;

/**
 * Subsidy programs: launch one (with its SUBSIDY fund), fund it by source, take applications,
 * approve or reject them (maker-checker), pay grants, read utilisation.
 */
@RestController
@RequestMapping("/subsidy-programs")
@Tag(name = "Subsidy programs")
class SubsidyController {

    private static final ZoneId BOOKS_ZONE = ZoneId.of("Asia/Shanghai");

    private final IdempotentCommandSender commands;
    private final QueryGateway queries;
    private final ScopeGuard scope;
    private final MemberDirectory members;

    SubsidyController(IdempotentCommandSender commands, QueryGateway queries, ScopeGuard scope,
                      MemberDirectory members) {
        this.scope = scope;
        this.members = members;
        this.commands = commands;
        this.queries = queries;
    }

    @PostMapping
    @PreAuthorize(Roles.MOVE_MONEY)
    @Operation(summary = "Launch a program of an organisation; its money lives in the SUBSIDY fund "
            + "'subsidy:{programId}', opened with it")
    ResponseEntity<LaunchedProgram> launch(@Valid @RequestBody LaunchRequest request) {
        scope.requireNamedOrg(request.orgId());
        OrgView org = org(request.orgId(), "PROGRAM_ORG_MUST_EXIST");
        String fundId = SubsidyProgram.fundIdOf(request.programId());
        // The program first: it holds the rules, so a refused launch writes nothing at all. The fund
        // follows; should the process die in between, the client's retry (same body, same keys)
        // answers the launch from its first execution and opens the fund then.
        var outcome = commands.send(new LaunchSubsidyProgram(request.programId(), org.orgId(), request.name(),
                        request.amountRule(), request.amountPerPersonFen(), request.criteria(), request.courseCodes()),
                "LaunchSubsidyProgram:" + request.programId(), request);
        commands.send(new OpenFund(fundId, org.orgId(), request.name(), FundType.SUBSIDY), "OpenFund:" + fundId,
                request);
        return ResponseEntity.created(URI.create("/subsidy-programs/" + request.programId() + "/utilisation"))
                .header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
                .body(new LaunchedProgram(request.programId(), org.orgId(), fundId, request.amountRule(),
                        request.amountPerPersonFen()));
    }

    @PostMapping("/{programId}/contributions")
    @PreAuthorize(Roles.MOVE_MONEY)
    @Operation(summary = "Record money received into the program's fund from one funding source "
            + "(UNION, GOVERNMENT, ENTERPRISE, DONOR, OTHER): it becomes budget. Union money can also arrive "
            + "as an allocation to the program's fund")
    ResponseEntity<RecordedFunding> contribute(@PathVariable String programId,
                                               @Valid @RequestBody FundingRequest request) {
        requireProgram(programId);
        String fundId = SubsidyProgram.fundIdOf(programId);
        LocalDate effectiveDate = request.effectiveDate() != null ? request.effectiveDate() : LocalDate.now(BOOKS_ZONE);
        var outcome = commands.send(new RecordContribution(fundId, request.contributionId(), request.amountFen(),
                        payerTypeOf(request.source()), request.channel(), effectiveDate, request.memo(), programId),
                "RecordContribution:" + fundId + ":" + request.contributionId(), Map.of("programId", programId,
                        "body", request));
        return ResponseEntity.created(URI.create("/subsidy-programs/" + programId + "/utilisation"))
                .header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
                .body(new RecordedFunding(programId, request.contributionId(), request.source(), request.amountFen()));
    }

    @PostMapping("/{programId}/applications")
    @PreAuthorize(SubsidyRoles.APPLY)
    @Operation(summary = "Record a member's application; one grant per member and program "
            + "(grant id sub:{programId}:{memberId})")
    ResponseEntity<ApplicationRecorded> apply(@PathVariable String programId,
                                              @Valid @RequestBody ApplicationRequest request) {
        requireProgram(programId);
        scope.requireNamedOrg(request.memberOrgId());
        OrgView memberOrg = org(members.orgFor(request.memberId(), request.memberOrgId()), "MEMBER_ORG_MUST_EXIST");
        long requested = request.requestedAmountFen() == null ? 0 : request.requestedAmountFen();
        var outcome = commands.send(new ApplyForSubsidy(programId, request.applicationId(), request.memberId(),
                        memberOrg.orgId(), memberOrg.path(), request.courseCode(),
                        Boolean.TRUE.equals(request.frontlineWorker()), requested),
                "ApplyForSubsidy:" + programId + ":" + request.applicationId(), Map.of("programId", programId,
                        "body", request));
        return ResponseEntity.created(URI.create("/subsidy-programs/" + programId + "/utilisation"))
                .header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
                .body(new ApplicationRecorded(programId, request.applicationId(),
                        SubsidyProgram.grantIdOf(programId, request.memberId()), "APPLIED"));
    }

    @PostMapping("/{programId}/applications/{applicationId}/approvals")
    @PreAuthorize(SubsidyRoles.DECIDE)
    @Operation(summary = "Approve an application (not by who recorded it); refused with "
            + "BUDGET_MUST_COVER_GRANT when the budget cannot cover it")
    ResponseEntity<ApplicationRecorded> approve(@PathVariable String programId, @PathVariable String applicationId) {
        requireProgram(programId);
        var outcome = commands.send(new ApproveSubsidyApplication(programId, applicationId),
                "ApproveSubsidyApplication:" + programId + ":" + applicationId,
                Map.of("programId", programId, "applicationId", applicationId));
        return ResponseEntity.created(URI.create("/subsidy-programs/" + programId + "/utilisation"))
                .header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
                .body(new ApplicationRecorded(programId, applicationId, String.valueOf(outcome.result())
                        .replace("\"", ""), "APPROVED"));
    }

    @PostMapping("/{programId}/applications/{applicationId}/rejections")
    @PreAuthorize(SubsidyRoles.DECIDE)
    @Operation(summary = "Reject an application with a reason (not by who recorded it)")
    ResponseEntity<ApplicationRecorded> reject(@PathVariable String programId, @PathVariable String applicationId,
                                               @Valid @RequestBody RejectionRequest request) {
        requireProgram(programId);
        commands.send(new RejectSubsidyApplication(programId, applicationId, request.reason()),
                "RejectSubsidyApplication:" + programId + ":" + applicationId,
                Map.of("programId", programId, "applicationId", applicationId, "body", request));
        return ResponseEntity.created(URI.create("/subsidy-programs/" + programId + "/utilisation"))
                .body(new ApplicationRecorded(programId, applicationId, null, "REJECTED"));
    }

    @PostMapping("/{programId}/applications/{applicationId}/payments")
    @PreAuthorize(Roles.MOVE_MONEY)
    @Operation(summary = "Pay an approved grant in CASH or as a VOUCHER; the fund disburses the held money")
    ResponseEntity<ApplicationRecorded> pay(@PathVariable String programId, @PathVariable String applicationId,
                                            @Valid @RequestBody PaymentRequest request) {
        requireProgram(programId);
        LocalDate paidOn = request.paidOn() != null ? request.paidOn() : LocalDate.now(BOOKS_ZONE);
        var outcome = commands.send(new PaySubsidyGrant(programId, applicationId, request.method(),
                        request.paymentReference(), paidOn),
                "PaySubsidyGrant:" + programId + ":" + applicationId,
                Map.of("programId", programId, "applicationId", applicationId, "body", request));
        return ResponseEntity.created(URI.create("/subsidy-programs/" + programId + "/utilisation"))
                .header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
                .body(new ApplicationRecorded(programId, applicationId, null, "PAID"));
    }

    @GetMapping("/{programId}/utilisation")
    @PreAuthorize(Roles.READ_FUNDS)
    @Operation(summary = "Budget (by source), granted, paid, remaining and beneficiaries of a program")
    ProgramUtilisationView utilisation(@PathVariable String programId) {
        ProgramUtilisationView view = queries.query(new ProgramUtilisationQuery(programId),
                ResponseTypes.instanceOf(ProgramUtilisationView.class)).join();
        if (view == null || !scope.inScope(view.orgId())) {
            throw new NotFound("PROGRAM_MUST_EXIST", "no subsidy program " + programId);
        }
        return view;
    }

    /** Users who see every organisation skip the read (a program just launched may not be readable yet). */
    private void requireProgram(String programId) {
        if (!scope.seesAll()) {
            utilisation(programId);
        }
    }

    private OrgView org(String orgId, String code) {
        OrgView org = queries.query(new OrgQuery(orgId), ResponseTypes.instanceOf(OrgView.class)).join();
        BusinessRuleViolation.require(org != null, code, "no organisation " + orgId);
        return org;
    }

    private static PayerType payerTypeOf(FundingSource source) {
        return switch (source) {
            case UNION -> PayerType.UNION;
            case GOVERNMENT -> PayerType.GOVERNMENT;
            case ENTERPRISE -> PayerType.EMPLOYER;
            case DONOR -> PayerType.DONOR;
            case OTHER -> PayerType.OTHER;
        };
    }

    record LaunchRequest(@NotBlank @Size(max = 80) String programId, @NotBlank @Size(max = 100) String orgId,
                         @NotBlank @Size(max = 200) String name, @NotNull AmountRule amountRule,
                         @NotNull Long amountPerPersonFen, @Size(max = 3) Set<EligibilityCriterion> criteria,
                         @Size(max = 100) Set<@Size(max = 50) String> courseCodes) {
    }

    record LaunchedProgram(String programId, String orgId, String fundId, AmountRule amountRule,
                           long amountPerPersonFen) {
    }

    record FundingRequest(@NotBlank @Size(max = 100) String contributionId, @NotNull FundingSource source,
                          @NotNull Long amountFen, @Size(max = 100) String channel, LocalDate effectiveDate,
                          @Size(max = 500) String memo) {
    }

    record RecordedFunding(String programId, String contributionId, FundingSource source, long amountFen) {
    }

    record ApplicationRequest(@NotBlank @Size(max = 100) String applicationId,
                              @NotBlank @Size(max = 100) String memberId,
                              @NotBlank @Size(max = 100) String memberOrgId, @Size(max = 50) String courseCode,
                              Boolean frontlineWorker, Long requestedAmountFen) {
    }

    record ApplicationRecorded(String programId, String applicationId, String grantId, String status) {
    }

    record RejectionRequest(@NotBlank @Size(max = 500) String reason) {
    }

    record PaymentRequest(@NotNull PaymentMethod method, @NotBlank @Size(max = 200) String paymentReference,
                          LocalDate paidOn) {
    }
}
