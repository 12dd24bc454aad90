package org.unionledger.api.journal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.unionledger.core.rule.BusinessRuleViolation;

/**
 * Reads a bank statement CSV with a header row: {@code date,amount,reference,counterparty}. Dates
 * are ISO (2026-03-05); amounts are yuan with at most two decimals, negative for money out
 * (-600.00), and become whole fen here.
 */
final class BankStatementCsv {

    /** Lines of one upload at most. */
    static final int LINES_MAX = 20_000;

    private BankStatementCsv() {
    }

    record Line(int lineNo, LocalDate date, long amountFen, String reference, String counterparty) {
    }

    static List<Line> read(InputStream csv) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreHeaderCase(true).setTrim(true).setIgnoreEmptyLines(true).get();
        List<Line> lines = new ArrayList<>();
        try (Reader reader = new InputStreamReader(csv, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, format)) {
            for (String column : List.of("date", "amount", "reference")) {
                BusinessRuleViolation.require(parser.getHeaderMap().keySet().stream()
                        .anyMatch(h -> h.equalsIgnoreCase(column)), "BANK_STATEMENT_MALFORMED",
                        "the header must name the columns date, amount, reference and counterparty");
            }
            for (CSVRecord record : parser) {
                BusinessRuleViolation.require(lines.size() < LINES_MAX, "BANK_STATEMENT_TOO_LONG",
                        "at most " + LINES_MAX + " lines per statement");
                int lineNo = lines.size() + 1;
                lines.add(new Line(lineNo, date(record, lineNo), fen(record.get("amount"), lineNo),
                        blankToNull(record.get("reference")),
                        record.isMapped("counterparty") ? blankToNull(record.get("counterparty")) : null));
            }
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException malformed) {
            throw new BusinessRuleViolation("BANK_STATEMENT_MALFORMED", "cannot read the statement: "
                    + malformed.getMessage());
        }
        BusinessRuleViolation.require(!lines.isEmpty(), "STATEMENT_LINES_REQUIRED", "the statement has no lines");
        return lines;
    }

    private static LocalDate date(CSVRecord record, int lineNo) {
        try {
            return LocalDate.parse(record.get("date"));
        } catch (DateTimeParseException bad) {
            throw new BusinessRuleViolation("BANK_STATEMENT_MALFORMED", "line " + lineNo + ": date must be yyyy-MM-dd");
        }
    }

    /** Yuan with at most two decimals to fen, exactly. */
    static long fen(String yuan, int lineNo) {
        try {
            BigDecimal amount = new BigDecimal(yuan.replace(",", "").strip());
            BusinessRuleViolation.require(amount.scale() <= 2, "BANK_STATEMENT_MALFORMED",
                    "line " + lineNo + ": amounts have at most two decimals");
            return amount.movePointRight(2).longValueExact();
        } catch (NumberFormatException | ArithmeticException bad) {
            throw new BusinessRuleViolation("BANK_STATEMENT_MALFORMED", "line " + lineNo + ": amount " + yuan
                    + " is not a number of yuan");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
