-- One row per money command that carried a client-chosen id. Written in the same transaction as
-- the command's events, so a command and its idempotency record commit or vanish together.
CREATE TABLE command_idempotency (
    idempotency_key VARCHAR(300) PRIMARY KEY,
    command_name    VARCHAR(200) NOT NULL,
    request_sha256  CHAR(64)     NOT NULL,
    result_json     TEXT,
    principal       VARCHAR(200),
    recorded_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);
