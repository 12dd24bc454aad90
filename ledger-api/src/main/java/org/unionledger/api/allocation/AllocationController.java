package org.unionledger.api.allocation;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
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
import org.unionledger.api.security.Roles;
import org.unionledger.api.security.ScopeGuard;
import org.unionledger.api.web.NotFound;
import org.unionledger.core.fund.FundCommands.ClawBackAllocation;
import org.unionledger.core.fund.FundCommands.ReserveFunds;
import org.unionledger.core.fund.ReservationPurpose;
import org.unionledger.core.rule.BusinessRuleViolation;
import org.unionledger.projections.allocation.AllocationQuery;
import org.unionledger.projections.allocation.AllocationView;
import org.unionledger.projections.fund.FundBalanceQuery;
import org.unionledger.projections.fund.FundBalanceView;
import org.unionledger.projections.org.OrgInSubtreeQuery;

/**
 * Allocations down the organisation tree: the source fund reserves the money at once; the
 * allocation policy then carries it to the target (accept, send, settle) or releases it if the
 * target refuses. GET shows the step reached.
 */
@RestController
@RequestMapping("/allocations")
@Tag(name = "Allocations")
class AllocationController {

    private final IdempotentCommandSender commands;
    private final QueryGateway queries;
    private final ScopeGuard scope;

    AllocationController(IdempotentCommandSender commands, QueryGateway queries, ScopeGuard scope) {
        this.scope = scope;
        this.commands = commands;
        this.queries = queries;
    }

    @PostMapping
    @PreAuthorize(Roles.MOVE_MONEY)
    @Operation(summary = "Allocate money from a fund to a fund of the same organisation or one below it; "
            + "allocationId is chosen by the client. Answers 202: the transfer completes asynchronously")
    ResponseEntity<AllocationStarted> allocate(@Valid @RequestBody AllocationRequest request) {
        FundBalanceView source = fund(request.sourceFundId());
        FundBalanceView target = fund(request.targetFundId());
        // Both funds must be the caller's: money leaves one and reaches the other.
        scope.requireObject(source.orgId(), "FUND_MUST_EXIST", "no fund " + source.fundId());
        scope.requireObject(target.orgId(), "FUND_MUST_EXIST", "no fund " + target.fundId());
        boolean downTheTree = queries.query(new OrgInSubtreeQuery(target.orgId(), source.orgId()),
                ResponseTypes.instanceOf(Boolean.class)).join();
        BusinessRuleViolation.require(downTheTree, "ALLOCATION_MUST_GO_DOWN_THE_TREE", "fund "
                + target.fundId() + " belongs to " + target.orgId() + ", which is not " + source.orgId()
                + " or below it");
        var outcome = commands.send(new ReserveFunds(source.fundId(), request.allocationId(), request.amountFen(),
                ReservationPurpose.ALLOCATION, target.fundId()), "Allocate:" + request.allocationId(), request);
        return ResponseEntity.accepted().location(URI.create("/allocations/" + request.allocationId()))
                .header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
                .body(new AllocationStarted(request.allocationId(), source.fundId(), source.orgId(), target.fundId(),
                        target.orgId(), request.amountFen(), AllocationView.Status.RESERVED));
    }

    @GetMapping("/{allocationId}")
    @PreAuthorize(Roles.READ_FUNDS)
    @Operation(summary = "An allocation's step (RESERVED, ACCEPTED, SENT, RECEIVED, REFUSED), drawdown and clawback")
    AllocationView allocation(@PathVariable String allocationId) {
        AllocationView view = find(allocationId);
        // Readable by either side: the giving and the receiving organisation.
        if (view == null || !(scope.inScope(view.sourceOrgId()) || scope.inScope(view.targetOrgId()))) {
            throw new NotFound("ALLOCATION_MUST_EXIST", "no allocation " + allocationId);
        }
        return view;
    }

    @PostMapping("/{allocationId}/clawbacks")
    @PreAuthorize(Roles.MOVE_MONEY)
    @Operation(summary = "Claw back the unused part of a received allocation (amountFen 0 or absent: all of it); "
            + "the money travels back to the source like an allocation, under clawbackId")
    ResponseEntity<ClawbackAccepted> clawBack(@PathVariable String allocationId,
                                              @Valid @RequestBody ClawbackRequest request) {
        AllocationView allocation = allocation(allocationId);
        // Taking money back acts on both funds: both must be inside the caller's subtree.
        scope.requireObject(allocation.sourceOrgId(), "ALLOCATION_MUST_EXIST", "no allocation " + allocationId);
        scope.requireObject(allocation.targetOrgId(), "ALLOCATION_MUST_EXIST", "no allocation " + allocationId);
        BusinessRuleViolation.require(allocation.kind() == AllocationView.Kind.ALLOCATION,
                "CLAWBACK_MUST_TAKE_BACK_AN_ALLOCATION", allocationId + " is itself a clawback");
        long amountFen = request.amountFen() == null ? 0 : request.amountFen();
        var outcome = commands.send(new ClawBackAllocation(allocation.targetFundId(), allocationId,
                        request.clawbackId(), amountFen, request.reason()),
                "ClawBackAllocation:" + allocationId + ":" + request.clawbackId(), new KeyedClawback(allocationId,
                        request));
        return ResponseEntity.accepted().location(URI.create("/allocations/" + request.clawbackId()))
                .header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
                .body(new ClawbackAccepted(allocationId, request.clawbackId(), allocation.targetFundId(),
                        allocation.sourceFundId()));
    }

    private AllocationView find(String allocationId) {
        return queries.query(new AllocationQuery(allocationId), ResponseTypes.instanceOf(AllocationView.class)).join();
    }

    private FundBalanceView fund(String fundId) {
        FundBalanceView view = queries.query(new FundBalanceQuery(fundId),
                ResponseTypes.instanceOf(FundBalanceView.class)).join();
        if (view == null) {
            throw new NotFound("FUND_MUST_EXIST", "no fund " + fundId);
        }
        return view;
    }

    record AllocationRequest(@NotBlank @Size(max = 100) String allocationId,
                             @NotBlank @Size(max = 100) String sourceFundId,
                             @NotBlank @Size(max = 100) String targetFundId, @NotNull Long amountFen,
                             @Size(max = 500) String memo) {
    }

    record ClawbackRequest(@NotBlank @Size(max = 100) String clawbackId, @PositiveOrZero Long amountFen,
                           @Size(max = 500) String reason) {
    }

    record KeyedClawback(String allocationId, ClawbackRequest body) {
    }

    record AllocationStarted(String allocationId, String sourceFundId, String sourceOrgId, String targetFundId,
                             String targetOrgId, long amountFen, AllocationView.Status status) {
    }

    record ClawbackAccepted(String allocationId, String clawbackId, String fromFundId, String toFundId) {
    }
}
