package org.unionledger.api.journal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.function.Predicate;

import javax.sql.DataSource;

/**
 * scripts/verify for tests of other packages: rebuilds the books of some funds from the event store
 * and compares them with the journal and fund_balance. Answers what the tool printed, which starts
 * with "OK: " when the books agree.
 */
public final class BooksCheck {

    private BooksCheck() {
    }

    public static String verify(DataSource dataSource, Predicate<String> fundInScope) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Connection connection = dataSource.getConnection()) {
            VerifyTool.run(() -> connection, new PrintStream(out, true, StandardCharsets.UTF_8), 1, fundInScope);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
