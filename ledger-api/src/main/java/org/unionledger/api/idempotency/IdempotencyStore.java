package org.unionledger.api.idempotency;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;

import org.postgresql.util.PSQLException;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.unionledger.projections.support.StagedStatement;

/**
 * The record of commands that carried a client-chosen id. {@link #record} runs inside the
 * command's own transaction (the JdbcTemplate joins it), so the record and the events commit
 * together: a crash between them cannot leave one without the other.
 */
@Component
public class IdempotencyStore {

    private final JdbcTemplate jdbc;

    public IdempotencyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Recorded> find(String key) {
        return jdbc.query("SELECT request_sha256, result_json FROM command_idempotency WHERE idempotency_key = ?",
                (row, n) -> new Recorded(row.getString(1), row.getString(2)), key).stream().findFirst();
    }

    /** Records the command now; throws {@link CommandAlreadyRecorded} if the key is taken. */
    public void record(Record record) {
        try {
            jdbc.update(Record.INSERT, record.key(), record.commandName(), record.requestSha256(),
                    record.resultJson(), record.principal());
        } catch (DuplicateKeyException taken) {
            throw new CommandAlreadyRecorded(record.key());
        }
    }

    /** What the first command with a key asked for and got. */
    public record Recorded(String requestSha256, String resultJson) {
    }

    /**
     * A command's record, also as a statement to send with the command's events: its failure on a
     * taken key is {@link CommandAlreadyRecorded}.
     */
    public record Record(String key, String commandName, String requestSha256, String resultJson, String principal)
            implements StagedStatement {

        static final String INSERT = "INSERT INTO command_idempotency (idempotency_key, command_name, request_sha256,"
                + " result_json, principal) VALUES (?, ?, ?, ?, ?)";
        private static final String PRIMARY_KEY = "command_idempotency_pkey";

        @Override
        public String sql() {
            return INSERT;
        }

        @Override
        public int statements() {
            return 1;
        }

        @Override
        public int bind(PreparedStatement statement, int first) throws SQLException {
            statement.setString(first, key);
            statement.setString(first + 1, commandName);
            statement.setString(first + 2, requestSha256);
            statement.setString(first + 3, resultJson);
            statement.setString(first + 4, principal);
            return first + 5;
        }

        @Override
        public boolean decidedInSql() {
            return true;
        }

        @Override
        public RuntimeException translate(SQLException failure) {
            return failure instanceof PSQLException refused && refused.getServerErrorMessage() != null
                    && PRIMARY_KEY.equals(refused.getServerErrorMessage().getConstraint())
                    ? new CommandAlreadyRecorded(key) : null;
        }
    }
}
