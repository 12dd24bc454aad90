package org.unionledger.api.journal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.unionledger.api.idempotency.IdempotentCommandSender;
import org.unionledger.api.security.Roles;
import org.unionledger.api.security.ScopeGuard;
import org.unionledger.api.web.NotFound;
import org.unionledger.core.period.PeriodCommands.CloseAccountingPeriod;
import org.unionledger.projections.journal.JournalProjection;
import org.unionledger.projections.journal.JournalViews.FundBalanceAtQuery;
import org.unionledger.projections.journal.JournalViews.FundBalanceAtView;
import org.unionledger.projections.journal.JournalViews.JournalPage;
import org.unionledger.projections.journal.JournalViews.JournalQuery;
import org.unionledger.projections.journal.JournalViews.TrialBalanceQuery;
import org.unionledger.projections.journal.JournalViews.TrialBalanceView;
import org.unionledger.projections.period.AccountingPeriodProjection.AccountingPeriodsQuery;
import org.unionledger.projections.period.AccountingPeriodProjection.AccountingPeriodsView;

/** The journal, the trial balance, point-in-time balances and closing accounting periods. */
@RestController
@Tag(name = "Journal")
class JournalController {

    private final ScopeGuard scope;

    private static final int PAGE_SIZE_DEFAULT = 100;

    private final QueryGateway queries;
    private final IdempotentCommandSender commands;
    private final JournalProjection journal;

    JournalController(QueryGateway queries, IdempotentCommandSender commands, JournalProjection journal,
                      ScopeGuard scope) {
        this.queries = queries;
        this.commands = commands;
        this.journal = journal;
        this.scope = scope;
    }

    @GetMapping("/journal")
    @PreAuthorize(Roles.READ_FUNDS)
    @Operation(summary = "Journal entries with their balanced postings (debits positive, credits negative), "
            + "in global order; page with afterGlobalIndex")
    JournalPage journal(@RequestParam(required = false) String orgId, @RequestParam(required = false) String fundId,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                        @RequestParam(defaultValue = "-1") long afterGlobalIndex,
                        @RequestParam(defaultValue = "" + PAGE_SIZE_DEFAULT) int limit) {
        scope.requireWholeTree();
        return queries.query(new JournalQuery(orgId, fundId, from, to, afterGlobalIndex, limit),
                ResponseTypes.instanceOf(JournalPage.class)).join();
    }

    @GetMapping("/trial-balance")
    @PreAuthorize(Roles.READ_FUNDS)
    @Operation(summary = "Trial balance of an org and/or fund for effective dates from..to: opening (carried "
            + "forward), debits, credits, closing per account; every column sums to zero")
    TrialBalance trialBalance(@RequestParam(required = false) String orgId,
                              @RequestParam(required = false) String fundId,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                              LocalDate from,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                              LocalDate to) {
        scope.requireWholeTree();
        TrialBalanceView view = queries.query(new TrialBalanceQuery(orgId, fundId, from, to),
                ResponseTypes.instanceOf(TrialBalanceView.class)).join();
        LocalDate closedThrough = orgId == null ? null : periods(orgId).closedThrough();
        return new TrialBalance(view, closedThrough);
    }

    @GetMapping(path = "/funds/{fundId}/balance", params = "asOf")
    @PreAuthorize(Roles.READ_FUNDS)
    @Operation(summary = "A fund's balance from its journal as of an effective date (and, with recordedAt, "
            + "as the ledger knew it at that moment)")
    FundBalanceAtView balanceAsOf(@PathVariable String fundId,
                                  @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                                  @RequestParam(required = false) Instant recordedAt) {
        return balanceAt(fundId, asOf, recordedAt);
    }

    @GetMapping(path = "/funds/{fundId}/balance", params = {"recordedAt", "!asOf"})
    @PreAuthorize(Roles.READ_FUNDS)
    @Operation(summary = "A fund's balance as the ledger had recorded it at a moment (ISO-8601 instant)")
    FundBalanceAtView balanceRecordedAt(@PathVariable String fundId, @RequestParam Instant recordedAt) {
        return balanceAt(fundId, null, recordedAt);
    }

    private FundBalanceAtView balanceAt(String fundId, LocalDate asOf, Instant recordedAt) {
        scope.requireFund(fundId);
        if (!journal.knowsFund(fundId)) {
            throw new NotFound("FUND_MUST_EXIST", "no fund " + fundId);
        }
        return queries.query(new FundBalanceAtQuery(fundId, asOf, recordedAt),
                ResponseTypes.instanceOf(FundBalanceAtView.class)).join();
    }

    @PostMapping("/orgs/{orgId}/closed-periods")
    @PreAuthorize(Roles.MOVE_MONEY)
    @Operation(summary = "Close an organisation's books for a month that has ended: no money may be dated in it "
            + "afterwards (corrections are reversals dated in an open period)")
    ResponseEntity<ClosedPeriod> close(@PathVariable String orgId, @Valid @RequestBody ClosePeriodRequest request) {
        scope.requireObject(orgId, "ORG_MUST_EXIST", "no organisation " + orgId);
        commands.sendPlain(CloseAccountingPeriod.of(orgId, request.month(), BooksClock.today(), request.note()));
        return ResponseEntity.status(201)
                .body(new ClosedPeriod(orgId, request.month(), request.month().atEndOfMonth()));
    }

    @GetMapping("/orgs/{orgId}/closed-periods")
    @PreAuthorize(Roles.READ_FUNDS)
    @Operation(summary = "The months an organisation has closed and its closed-through date")
    AccountingPeriodsView closedPeriods(@PathVariable String orgId) {
        scope.requireObject(orgId, "ORG_MUST_EXIST", "no organisation " + orgId);
        return periods(orgId);
    }

    private AccountingPeriodsView periods(String orgId) {
        return queries.query(new AccountingPeriodsQuery(orgId), ResponseTypes.instanceOf(AccountingPeriodsView.class))
                .join();
    }

    record ClosePeriodRequest(@NotNull YearMonth month, @Size(max = 1000) String note) {
    }

    record ClosedPeriod(String orgId, YearMonth month, LocalDate closedThrough) {
    }

    /** The trial balance and the org's closed-through date (null when no month is closed or no org asked). */
    record TrialBalance(TrialBalanceView trialBalance, LocalDate closedThrough) {
    }
}
