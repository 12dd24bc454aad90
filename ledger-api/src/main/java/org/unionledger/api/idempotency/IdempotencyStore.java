package org.unionledger.api.idempotency;

import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

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

    /** Records the command; throws {@link CommandAlreadyRecorded} if the key is taken. */
    public void record(String key, String commandName, String requestSha256, String resultJson, String principal) {
        try {
            jdbc.update("INSERT INTO command_idempotency (idempotency_key, command_name, request_sha256, result_json, "
                    + "principal) VALUES (?, ?, ?, ?, ?)", key, commandName, requestSha256, resultJson, principal);
        } catch (DuplicateKeyException taken) {
            throw new CommandAlreadyRecorded(key);
        }
    }

    /** What the first command with a key asked for and got. */
    public record Recorded(String requestSha256, String resultJson) {
    }
}
