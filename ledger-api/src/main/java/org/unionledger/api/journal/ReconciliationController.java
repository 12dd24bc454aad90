package org.unionledger.api.journal;

import java.io.IOException;
import java.io.InputStream;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.unionledger.api.fund.FundsOnRecord;
import org.unionledger.api.idempotency.IdempotentCommandSender;
import org.unionledger.api.security.Roles;
import org.unionledger.api.security.ScopeGuard;
import org.unionledger.api.web.NotFound;
import org.unionledger.core.reconciliation.ReconciliationCommands.BankLine;
import org.unionledger.core.reconciliation.ReconciliationCommands.ImportBankStatement;
import org.unionledger.core.reconciliation.ReconciliationCommands.ResolveReconciliationException;
import org.unionledger.core.rule.Ids;
import org.unionledger.projections.reconciliation.ReconciliationViews.BankLineForPaymentQuery;
import org.unionledger.projections.reconciliation.ReconciliationViews.BankLines;
import org.unionledger.projections.reconciliation.ReconciliationViews.ReconciliationQuery;
import org.unionledger.projections.reconciliation.ReconciliationViews.ReconciliationView;

/** Bank statements per fund, reconciliation status per month, resolving exceptions with a note. */
@RestController
@Tag(name = "Bank reconciliation")
class ReconciliationController {

    private final ScopeGuard scope;

    private final IdempotentCommandSender commands;
    private final QueryGateway queries;
    private final FundsOnRecord funds;

    ReconciliationController(IdempotentCommandSender commands, QueryGateway queries, FundsOnRecord funds,
                             ScopeGuard scope) {
        this.commands = commands;
        this.queries = queries;
        this.funds = funds;
        this.scope = scope;
    }

    @PostMapping(path = "/funds/{fundId}/bank-statements", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize(Roles.MOVE_MONEY)
    @Operation(summary = "Import a bank statement CSV (date,amount,reference,counterparty; amounts in yuan, "
            + "negative for money out). Re-importing the same statementId records nothing new")
    ResponseEntity<ImportedStatement> importStatement(@PathVariable String fundId,
                                                      @RequestPart("file") MultipartFile file,
                                                      @RequestParam(required = false) String statementId)
            throws IOException {
        scope.requireFund(fundId);
        if (statementId == null || statementId.isBlank()) {
            throw new IllegalArgumentException("statementId is required: the bank's id of this statement");
        }
        requireFund(fundId);
        Ids.requireValid("statementId", statementId);
        List<BankStatementCsv.Line> lines;
        try (InputStream csv = file.getInputStream()) {
            lines = BankStatementCsv.read(csv);
        }
        Map<YearMonth, List<BankLine>> byMonth = new TreeMap<>();
        for (BankStatementCsv.Line line : lines) {
            byMonth.computeIfAbsent(YearMonth.from(line.date()), m -> new ArrayList<>())
                    .add(new BankLine(statementId + ":" + line.lineNo(), line.date(), line.amountFen(),
                            line.reference(), line.counterparty()));
        }
        byMonth.forEach((month, monthLines) ->
                commands.sendPlain(ImportBankStatement.of(fundId, month, statementId, monthLines)));
        return ResponseEntity.status(201).body(new ImportedStatement(fundId, statementId, lines.size(),
                byMonth.keySet().stream().map(YearMonth::toString).toList()));
    }

    @GetMapping("/funds/{fundId}/reconciliation")
    @PreAuthorize(Roles.READ_FUNDS)
    @Operation(summary = "Reconciliation of a fund's month: matched lines, unmatched bank lines and ledger entries "
            + "(each with its exceptionId and resolution), and the status")
    ReconciliationView reconciliation(@PathVariable String fundId, @RequestParam YearMonth month) {
        scope.requireFund(fundId);
        requireFund(fundId);
        return queries.query(new ReconciliationQuery(fundId, month),
                ResponseTypes.instanceOf(ReconciliationView.class)).join();
    }

    @PostMapping("/funds/{fundId}/reconciliation/resolutions")
    @PreAuthorize(Roles.MOVE_MONEY)
    @Operation(summary = "Resolve a reconciliation exception (bank:<lineId> or ledger:<entryId>) with a note")
    ResponseEntity<Resolved> resolve(@PathVariable String fundId, @Valid @RequestBody ResolveRequest request) {
        scope.requireFund(fundId);
        requireFund(fundId);
        commands.sendPlain(ResolveReconciliationException.of(fundId, request.month(), request.exceptionId(),
                request.note()));
        return ResponseEntity.status(201).body(new Resolved(fundId, request.month(), request.exceptionId(),
                request.note().strip()));
    }

    @GetMapping("/bank-lines")
    @PreAuthorize(Roles.READ_FUNDS)
    @Operation(summary = "The bank statement lines showing a payment reference (for tracing a payout to the bank)")
    BankLines bankLines(@RequestParam String paymentReference, @RequestParam(required = false) String fundId) {
        scope.requireWholeTree();
        return queries.query(new BankLineForPaymentQuery(fundId, paymentReference),
                ResponseTypes.instanceOf(BankLines.class)).join();
    }

    private void requireFund(String fundId) {
        if (!funds.exists(fundId)) {
            throw new NotFound("FUND_MUST_EXIST", "no fund " + fundId);
        }
    }

    record ImportedStatement(String fundId, String statementId, int lineCount, List<String> months) {
    }

    record ResolveRequest(@NotNull YearMonth month, @NotBlank @Size(max = 300) String exceptionId,
                          @NotBlank @Size(max = 1000) String note) {
    }

    record Resolved(String fundId, YearMonth month, String exceptionId, String note) {
    }
}
