package org.unionledger.core.reconciliation;

import static org.unionledger.core.rule.RuleMatchers.ruleViolation;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionledger.core.reconciliation.ReconciliationCommands.BankLine;
import org.unionledger.core.reconciliation.ReconciliationCommands.ImportBankStatement;
import org.unionledger.core.reconciliation.ReconciliationCommands.ResolveReconciliationException;
import org.unionledger.core.reconciliation.ReconciliationEvents.BankStatementImported;
import org.unionledger.core.reconciliation.ReconciliationEvents.ReconciliationExceptionResolved;

class BankReconciliationTest {

    private static final String FUND = "city-general";
    private static final YearMonth MARCH = YearMonth.of(2026, 3);
    private static final MetaData BY_FINANCE = MetaData.with("principal", "finance");

    private FixtureConfiguration<BankReconciliation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(BankReconciliation.class);
    }

    private static List<BankLine> marchLines() {
        return List.of(new BankLine("s1:1", LocalDate.of(2026, 3, 2), -60_000, "PAY-1", "Member A"),
                new BankLine("s1:2", LocalDate.of(2026, 3, 3), 250_000, "2026-0001", "Employer"));
    }

    private static BankStatementImported imported() {
        return new BankStatementImported(FUND, MARCH, "s1", marchLines(), "finance");
    }

    @Test
    void importsAStatement() {
        fixture.givenNoPriorActivity()
                .when(ImportBankStatement.of(FUND, MARCH, "s1", marchLines()), BY_FINANCE)
                .expectEvents(imported());
    }

    @Test
    void reimportingTheSameStatementRecordsNothing() {
        fixture.given(imported())
                .when(ImportBankStatement.of(FUND, MARCH, "s1", marchLines()), BY_FINANCE)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesAStatementIdReusedForOtherLines() {
        fixture.given(imported())
                .when(ImportBankStatement.of(FUND, MARCH, "s1", marchLines().subList(0, 1)), BY_FINANCE)
                .expectException(ruleViolation("STATEMENT_ID_REUSED"));
    }

    @Test
    void refusesAnEmptyStatement() {
        fixture.givenNoPriorActivity()
                .when(ImportBankStatement.of(FUND, MARCH, "s1", List.of()), BY_FINANCE)
                .expectException(ruleViolation("STATEMENT_LINES_REQUIRED"));
    }

    @Test
    void refusesALineDatedInAnotherMonth() {
        fixture.givenNoPriorActivity()
                .when(ImportBankStatement.of(FUND, MARCH, "s1",
                        List.of(new BankLine("s1:1", LocalDate.of(2026, 4, 1), 5, "x", null))), BY_FINANCE)
                .expectException(ruleViolation("BANK_LINE_DATE_MUST_BE_IN_MONTH"));
    }

    @Test
    void refusesALineWithoutAmount() {
        fixture.givenNoPriorActivity()
                .when(ImportBankStatement.of(FUND, MARCH, "s1",
                        List.of(new BankLine("s1:1", LocalDate.of(2026, 3, 1), 0, "x", null))), BY_FINANCE)
                .expectException(ruleViolation("BANK_LINE_AMOUNT_MUST_NOT_BE_ZERO"));
    }

    @Test
    void refusesALineImportedTwice() {
        fixture.given(imported())
                .when(ImportBankStatement.of(FUND, MARCH, "s2", marchLines()), BY_FINANCE)
                .expectException(ruleViolation("BANK_LINE_ID_MUST_BE_UNIQUE"));
    }

    @Test
    void resolvesABankLineExceptionWithANote() {
        fixture.given(imported())
                .when(ResolveReconciliationException.of(FUND, MARCH, "bank:s1:1", " bank fee, booked in April "),
                        BY_FINANCE)
                .expectEvents(new ReconciliationExceptionResolved(FUND, MARCH, "bank:s1:1",
                        "bank fee, booked in April", "finance"));
    }

    @Test
    void resolvesALedgerExceptionEvenBeforeAStatement() {
        fixture.givenNoPriorActivity()
                .when(ResolveReconciliationException.of(FUND, MARCH, "ledger:evt-1", "paid in cash"), BY_FINANCE)
                .expectEvents(new ReconciliationExceptionResolved(FUND, MARCH, "ledger:evt-1", "paid in cash",
                        "finance"));
    }

    @Test
    void refusesAResolutionWithoutNote() {
        fixture.given(imported())
                .when(ResolveReconciliationException.of(FUND, MARCH, "bank:s1:1", " "), BY_FINANCE)
                .expectException(ruleViolation("RESOLUTION_NOTE_REQUIRED"));
    }

    @Test
    void refusesAnUnknownException() {
        fixture.given(imported())
                .when(ResolveReconciliationException.of(FUND, MARCH, "bank:s9:9", "?"), BY_FINANCE)
                .expectException(ruleViolation("RECONCILIATION_EXCEPTION_MUST_EXIST"));
    }

    @Test
    void refusesResolvingTwice() {
        fixture.given(imported(), new ReconciliationExceptionResolved(FUND, MARCH, "bank:s1:1", "fee", "finance"))
                .when(ResolveReconciliationException.of(FUND, MARCH, "bank:s1:1", "again"), BY_FINANCE)
                .expectException(ruleViolation("EXCEPTION_ALREADY_RESOLVED"));
    }
}
