package org.unionledger.api.fund;

import java.net.URI;
import java.time.LocalDate;

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
import org.unionledger.api.security.Roles;
import org.unionledger.api.security.ScopeGuard;
import org.unionledger.api.web.NotFound;
import org.unionledger.core.fund.FundCommands.OpenFund;
import org.unionledger.core.fund.FundCommands.RecordContribution;
import org.unionledger.core.fund.FundType;
import org.unionledger.core.fund.PayerType;
import org.unionledger.projections.fund.FundBalanceQuery;
import org.unionledger.projections.fund.FundBalanceView;

/** Funds: open one, record money received, read its balance. */
@RestController
@RequestMapping("/funds")
@Tag(name = "Funds")
class FundController {

    private final IdempotentCommandSender commands;
    private final QueryGateway queries;
    private final ScopeGuard scope;

    FundController(IdempotentCommandSender commands, QueryGateway queries, ScopeGuard scope) {
        this.commands = commands;
        this.queries = queries;
        this.scope = scope;
    }

    @PostMapping
    @PreAuthorize(Roles.MOVE_MONEY)
    @Operation(summary = "Open a fund owned by an organisation; fundId is chosen by the client")
    ResponseEntity<OpenedFund> open(@Valid @RequestBody OpenFundRequest request) {
        scope.requireNamedOrg(request.orgId());
        var outcome = commands.send(
                new OpenFund(request.fundId(), request.orgId(), request.name(), request.fundType()),
                "OpenFund:" + request.fundId(), request);
        return ResponseEntity.created(URI.create("/funds/" + request.fundId() + "/balance"))
                .header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
                .body(new OpenedFund(request.fundId(), request.orgId(), request.name(), request.fundType()));
    }

    @PostMapping("/{fundId}/contributions")
    @PreAuthorize(Roles.MOVE_MONEY)
    @Operation(summary = "Record money received into a fund; contributionId is chosen by the client, "
            + "and a retry with the same id and body is answered without recording twice")
    ResponseEntity<RecordedContribution> contribute(@PathVariable String fundId,
                                                    @Valid @RequestBody ContributionRequest request) {
        scope.requireFund(fundId);
        LocalDate effectiveDate = request.effectiveDate() != null ? request.effectiveDate() : LedgerClock.today();
        var outcome = commands.send(
                new RecordContribution(fundId, request.contributionId(), request.amountFen(), request.payerType(),
                        request.channel(), effectiveDate, request.memo()),
                "RecordContribution:" + fundId + ":" + request.contributionId(), new Keyed(fundId, request));
        return ResponseEntity.created(URI.create("/funds/" + fundId + "/balance"))
                .header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
                .body(new RecordedContribution(fundId, request.contributionId(), request.amountFen(),
                        request.payerType(), request.channel(), effectiveDate));
    }

    @GetMapping("/{fundId}/balance")
    @PreAuthorize(Roles.READ_FUNDS)
    @Operation(summary = "A fund's balance from the read model: available, reserved, in, out")
    FundBalanceView balance(@PathVariable String fundId) {
        FundBalanceView view = queries.query(new FundBalanceQuery(fundId),
                ResponseTypes.instanceOf(FundBalanceView.class)).join();
        if (view == null || !scope.inScope(view.orgId())) {
            throw new NotFound("FUND_MUST_EXIST", "no fund " + fundId);
        }
        return view;
    }

    record OpenFundRequest(@NotBlank @Size(max = 100) String fundId, @NotBlank @Size(max = 100) String orgId,
                           @NotBlank @Size(max = 200) String name, @NotNull FundType fundType) {
    }

    record OpenedFund(String fundId, String orgId, String name, FundType fundType) {
    }

    record ContributionRequest(@NotBlank @Size(max = 100) String contributionId, @NotNull Long amountFen,
                               @NotNull PayerType payerType, @Size(max = 100) String channel,
                               LocalDate effectiveDate, @Size(max = 500) String memo) {
    }

    record RecordedContribution(String fundId, String contributionId, long amountFen, PayerType payerType,
                                String channel, LocalDate effectiveDate) {
    }

    /** What a contribution's idempotency hash covers: the fund in the path and the body. */
    record Keyed(String fundId, ContributionRequest body) {
    }
}
