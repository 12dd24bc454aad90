-- The tamper-evident hash chain over the event store (docs/audit.md). One row per event of
-- domainevententry, in global order: hash = SHA-256(previous_hash || canonical bytes of the event).
-- Appended by the hash chainer in batches, off the commands' critical path; never updated.
CREATE TABLE event_hash_chain (
    global_index         BIGINT       NOT NULL PRIMARY KEY,
    chain_position       BIGINT       NOT NULL UNIQUE,
    event_identifier     VARCHAR(255) NOT NULL UNIQUE,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    event_time           TIMESTAMPTZ  NOT NULL,
    hash                 CHAR(64)     NOT NULL,
    previous_hash        CHAR(64)     NOT NULL,
    chained_at           TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Period digests look up the last chained event before a period end.
CREATE INDEX event_hash_chain_event_time ON event_hash_chain (event_time);
