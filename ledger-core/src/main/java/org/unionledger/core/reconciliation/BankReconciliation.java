package org.unionledger.core.reconciliation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.YearMonth;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.unionledger.core.metadata.LedgerMetadata;
import org.unionledger.core.reconciliation.ReconciliationCommands.BankLine;
import org.unionledger.core.reconciliation.ReconciliationCommands.ImportBankStatement;
import org.unionledger.core.reconciliation.ReconciliationCommands.ResolveReconciliationException;
import org.unionledger.core.reconciliation.ReconciliationEvents.BankStatementImported;
import org.unionledger.core.reconciliation.ReconciliationEvents.ReconciliationExceptionResolved;
import org.unionledger.core.rule.BusinessRuleViolation;
import org.unionledger.core.rule.Ids;

/**
 * The bank reconciliation of one fund for one month: the statements imported and the exceptions
 * resolved. Id {@code bank-reconciliation:<fundId>:<yyyy-MM>}. Registered with Axon by ledger-api.
 */
public class BankReconciliation {

    public static final String BANK_EXCEPTION_PREFIX = "bank:";
    public static final String LEDGER_EXCEPTION_PREFIX = "ledger:";
    private static final int NOTE_LENGTH_MAX = 1_000;

    @AggregateIdentifier
    private String reconciliationId;
    /** Statement id to its number of lines, so a re-imported statement is recognised. */
    private final Map<String, Integer> statements = new HashMap<>();
    private final Set<String> lineIds = new HashSet<>();
    private final Set<String> resolved = new HashSet<>();

    protected BankReconciliation() {
        // Axon rebuilds the reconciliation from its events, or creates it at the first import.
    }

    public static String idOf(String fundId, YearMonth month) {
        return "bank-reconciliation:" + fundId + ":" + month;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public String handle(ImportBankStatement command, @MetaDataValue(LedgerMetadata.PRINCIPAL) String principal) {
        requireOwnId(command.reconciliationId(), command.fundId(), command.month());
        Ids.requireValid("statementId", command.statementId());
        List<BankLine> lines = command.lines() == null ? List.of() : command.lines();
        BusinessRuleViolation.require(!lines.isEmpty(), "STATEMENT_LINES_REQUIRED", "a statement needs lines");
        BusinessRuleViolation.require(lines.size() <= ReconciliationCommands.STATEMENT_LINES_MAX,
                "STATEMENT_LINES_MUST_NOT_EXCEED_LIMIT",
                "at most " + ReconciliationCommands.STATEMENT_LINES_MAX + " lines per statement and month");
        Integer earlier = statements.get(command.statementId());
        if (earlier != null) {
            BusinessRuleViolation.require(earlier == lines.size(), "STATEMENT_ID_REUSED",
                    "statement " + command.statementId() + " was imported with other lines");
            return command.statementId();
        }
        Set<String> seen = new HashSet<>();
        for (BankLine line : lines) {
            Ids.requireValid("lineId", line.lineId());
            BusinessRuleViolation.require(seen.add(line.lineId()) && !lineIds.contains(line.lineId()),
                    "BANK_LINE_ID_MUST_BE_UNIQUE", "line " + line.lineId() + " appears twice");
            BusinessRuleViolation.require(line.date() != null && YearMonth.from(line.date()).equals(command.month()),
                    "BANK_LINE_DATE_MUST_BE_IN_MONTH", "line " + line.lineId() + " is not dated in " + command.month());
            BusinessRuleViolation.require(line.amountFen() != 0, "BANK_LINE_AMOUNT_MUST_NOT_BE_ZERO",
                    "line " + line.lineId() + " has no amount");
        }
        apply(new BankStatementImported(command.fundId(), command.month(), command.statementId(), List.copyOf(lines),
                principal));
        return command.statementId();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public String handle(ResolveReconciliationException command,
                         @MetaDataValue(LedgerMetadata.PRINCIPAL) String principal) {
        requireOwnId(command.reconciliationId(), command.fundId(), command.month());
        String exceptionId = command.exceptionId() == null ? "" : command.exceptionId();
        BusinessRuleViolation.require(command.note() != null && !command.note().isBlank(), "RESOLUTION_NOTE_REQUIRED",
                "say how the exception was resolved");
        BusinessRuleViolation.require(command.note().length() <= NOTE_LENGTH_MAX, "RESOLUTION_NOTE_TOO_LONG",
                "a note has at most " + NOTE_LENGTH_MAX + " characters");
        boolean knownBankLine = exceptionId.startsWith(BANK_EXCEPTION_PREFIX)
                && lineIds.contains(exceptionId.substring(BANK_EXCEPTION_PREFIX.length()));
        boolean ledgerEntry = exceptionId.startsWith(LEDGER_EXCEPTION_PREFIX)
                && exceptionId.length() > LEDGER_EXCEPTION_PREFIX.length() && exceptionId.length() <= 300;
        BusinessRuleViolation.require(knownBankLine || ledgerEntry, "RECONCILIATION_EXCEPTION_MUST_EXIST",
                "no exception " + exceptionId + " in " + command.fundId() + " " + command.month());
        BusinessRuleViolation.require(!resolved.contains(exceptionId), "EXCEPTION_ALREADY_RESOLVED",
                exceptionId + " is already resolved");
        apply(new ReconciliationExceptionResolved(command.fundId(), command.month(), exceptionId,
                command.note().strip(), principal));
        return exceptionId;
    }

    private static void requireOwnId(String reconciliationId, String fundId, YearMonth month) {
        Ids.requireValid("fundId", fundId);
        BusinessRuleViolation.require(month != null, "MONTH_REQUIRED", "month is required");
        BusinessRuleViolation.require(idOf(fundId, month).equals(reconciliationId),
                "RECONCILIATION_ID_MUST_MATCH_FUND_AND_MONTH", "the reconciliation of " + fundId + " in " + month
                        + " is " + idOf(fundId, month));
    }

    @EventSourcingHandler
    void on(BankStatementImported event) {
        reconciliationId = idOf(event.fundId(), event.month());
        statements.put(event.statementId(), event.lines().size());
        event.lines().forEach(line -> lineIds.add(line.lineId()));
    }

    @EventSourcingHandler
    void on(ReconciliationExceptionResolved event) {
        reconciliationId = idOf(event.fundId(), event.month());
        resolved.add(event.exceptionId());
    }
}
