-- Read model of every fund's money. Rebuilt from events; last_sequence makes replays idempotent.
CREATE TABLE fund_balance (
    fund_id        VARCHAR(100) PRIMARY KEY,
    org_id         VARCHAR(100) NOT NULL,
    name           VARCHAR(200) NOT NULL,
    fund_type      VARCHAR(40)  NOT NULL,
    available_fen  BIGINT       NOT NULL DEFAULT 0,
    reserved_fen   BIGINT       NOT NULL DEFAULT 0,
    in_fen         BIGINT       NOT NULL DEFAULT 0,
    out_fen        BIGINT       NOT NULL DEFAULT 0,
    last_sequence  BIGINT       NOT NULL,
    updated_at     TIMESTAMPTZ  NOT NULL
);
CREATE INDEX fund_balance_org_idx ON fund_balance (org_id);

-- Every contribution to a fund, for statements and reconciliation.
CREATE TABLE fund_contribution (
    contribution_id VARCHAR(100) NOT NULL,
    fund_id         VARCHAR(100) NOT NULL,
    org_id          VARCHAR(100) NOT NULL,
    amount_fen      BIGINT       NOT NULL,
    payer_type      VARCHAR(40)  NOT NULL,
    channel         VARCHAR(100),
    effective_date  DATE         NOT NULL,
    memo            VARCHAR(500),
    recorded_at     TIMESTAMPTZ  NOT NULL,
    global_index    BIGINT       NOT NULL,
    PRIMARY KEY (fund_id, contribution_id)
);
