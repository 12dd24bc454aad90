package org.unionledger.api.journal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/** A report as rows of cells, written as CSV (UTF-8) or XLSX. Amounts are yuan with two decimals. */
final class Table {

    /** Rows of one export at most: an XLSX sheet holds 1,048,576. */
    static final int ROWS_MAX = 1_000_000;

    private final String title;
    private final List<String> headers;
    private final List<List<Object>> rows = new ArrayList<>();

    Table(String title, List<String> headers) {
        this.title = title;
        this.headers = headers;
    }

    void add(Object... cells) {
        if (rows.size() >= ROWS_MAX) {
            throw new IllegalStateException("export exceeds " + ROWS_MAX + " rows: narrow the period or fund");
        }
        rows.add(java.util.Arrays.asList(cells));
    }

    List<List<Object>> rows() {
        return rows;
    }

    static BigDecimal yuan(long fen) {
        return BigDecimal.valueOf(fen, 2);
    }

    void writeCsv(OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try (CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT)) {
            csv.printRecord(headers);
            for (List<Object> row : rows) {
                List<String> cells = new ArrayList<>(row.size());
                for (Object cell : row) {
                    cells.add(cell == null ? "" : cell instanceof BigDecimal d ? d.toPlainString() : cell.toString());
                }
                csv.printRecord(cells);
            }
        }
    }

    void writeXlsx(OutputStream out) throws IOException {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
            Sheet sheet = workbook.createSheet(title);
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            CellStyle money = workbook.createCellStyle();
            money.setDataFormat(workbook.createDataFormat().getFormat("#,##0.00"));
            Row header = sheet.createRow(0);
            for (int i = 0; i < headers.size(); i++) {
                Cell cell = header.createCell(i);
                cell.setCellValue(headers.get(i));
                cell.setCellStyle(bold);
            }
            int r = 1;
            for (List<Object> row : rows) {
                Row line = sheet.createRow(r++);
                for (int i = 0; i < row.size(); i++) {
                    Object value = row.get(i);
                    Cell cell = line.createCell(i);
                    if (value instanceof BigDecimal amount) {
                        cell.setCellValue(amount.doubleValue());
                        cell.setCellStyle(money);
                    } else if (value instanceof Long || value instanceof Integer) {
                        cell.setCellValue(((Number) value).doubleValue());
                    } else if (value != null) {
                        cell.setCellValue(value.toString());
                    }
                }
            }
            workbook.write(out);
            workbook.dispose();
        }
    }
}
