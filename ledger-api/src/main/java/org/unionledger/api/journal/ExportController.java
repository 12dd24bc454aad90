package org.unionledger.api.journal;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.unionledger.api.security.Roles;
import org.unionledger.api.security.ScopeGuard;
import org.unionledger.api.web.NotFound;

/**
 * The books as files: journal, trial balance, payouts and reconciliation as CSV or XLSX
 * ({@code /exports/journal.csv}, {@code /exports/journal.xlsx}, ...), the whole journal as Beancount.
 */
@RestController
@Tag(name = "Exports")
class ExportController {

    private final ScopeGuard scope;

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final BooksExports exports;

    ExportController(BooksExports exports, ScopeGuard scope) {
        this.exports = exports;
        this.scope = scope;
    }

    @GetMapping("/exports/{report:journal|trial-balance|payouts}.{format:csv|xlsx}")
    @PreAuthorize(Roles.READ_FUNDS)
    @Operation(summary = "journal, trial-balance or payouts as csv or xlsx, for an org and/or fund and effective "
            + "dates from..to (all optional)")
    void report(@PathVariable String report, @PathVariable String format,
                @RequestParam(required = false) String orgId, @RequestParam(required = false) String fundId,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                HttpServletResponse response) throws IOException {
        scope.requireWholeTree();
        Table table = switch (report) {
            case "journal" -> exports.journalTable(orgId, fundId, from, to);
            case "trial-balance" -> exports.trialBalanceTable(orgId, fundId, from, to);
            case "payouts" -> exports.payoutsTable(orgId, fundId, from, to);
            default -> throw new NotFound("REPORT_MUST_EXIST", "no report " + report);
        };
        write(table, report, format, response);
    }

    @GetMapping("/exports/reconciliation.{format:csv|xlsx}")
    @PreAuthorize(Roles.READ_FUNDS)
    @Operation(summary = "A fund's reconciliation for a month as csv or xlsx")
    void reconciliation(@PathVariable String format, @RequestParam String fundId, @RequestParam YearMonth month,
                        HttpServletResponse response) throws IOException {
        scope.requireWholeTree();
        write(exports.reconciliationTable(fundId, month), "reconciliation-" + month, format, response);
    }

    @GetMapping("/exports/journal.beancount")
    @PreAuthorize(Roles.READ_FUNDS)
    @Operation(summary = "The whole journal as a Beancount file (bean-check accepts it; it asserts every "
            + "account's closing balance)")
    void beancount(HttpServletResponse response) throws IOException {
        scope.requireWholeTree();
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"journal.beancount\"");
        OutputStreamWriter writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        exports.writeBeancount(writer);
        writer.flush();
    }

    private static void write(Table table, String name, String format, HttpServletResponse response)
            throws IOException {
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "." + format + "\"");
        if (format.equals("xlsx")) {
            response.setContentType(XLSX);
            table.writeXlsx(response.getOutputStream());
        } else {
            response.setContentType("text/csv;charset=UTF-8");
            table.writeCsv(response.getOutputStream());
        }
    }
}
