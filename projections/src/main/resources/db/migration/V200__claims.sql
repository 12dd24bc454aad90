-- Claim terms of a pool's plans (the pool catalogue, written by PoolCatalogueProjection).
ALTER TABLE pool_plan ADD COLUMN deductible_fen BIGINT NOT NULL DEFAULT 0;
ALTER TABLE pool_plan ADD COLUMN reimbursement_rate_basis_points INT NOT NULL DEFAULT 0;
ALTER TABLE pool_plan ADD COLUMN claim_cap_fen BIGINT NOT NULL DEFAULT 0;

-- Claim documents, content-addressed: written by the API before the claim's command is sent, so the
-- same file uploaded twice is stored once. Not a projection: it is never truncated on replay.
CREATE TABLE claim_document_blob (
    sha256      CHAR(64)     PRIMARY KEY,
    content     BYTEA        NOT NULL,
    size_bytes  INT          NOT NULL,
    media_type  VARCHAR(40)  NOT NULL,
    stored_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- One row per claim: the member's own view, the review queue and payout statistics.
CREATE TABLE claim (
    claim_id              VARCHAR(100) PRIMARY KEY,
    pool_id               VARCHAR(100) NOT NULL,
    member_id             VARCHAR(100) NOT NULL,
    org_id                VARCHAR(100) NOT NULL,
    plan_code             VARCHAR(30)  NOT NULL,
    period_id             VARCHAR(100) NOT NULL,
    status                VARCHAR(40)  NOT NULL,
    invoice_number        VARCHAR(100) NOT NULL,
    event_date            DATE         NOT NULL,
    total_cost_fen        BIGINT       NOT NULL,
    calculated_benefit_fen BIGINT      NOT NULL,
    approved_fen          BIGINT,
    paid_fen              BIGINT,
    submitted_by          VARCHAR(100) NOT NULL,
    submitted_at          TIMESTAMPTZ  NOT NULL,
    status_changed_at     TIMESTAMPTZ  NOT NULL,
    paid_at               TIMESTAMPTZ,
    payment_reference     VARCHAR(100),
    last_reason           VARCHAR(500),
    documents             INT          NOT NULL,
    last_global_index     BIGINT       NOT NULL
);
CREATE INDEX claim_member_idx ON claim (member_id);
CREATE INDEX claim_status_idx ON claim (status, status_changed_at);
CREATE INDEX claim_pool_period_idx ON claim (pool_id, period_id);

-- Member notices: one row per claim status change, written by ClaimNotificationProjection
-- (idempotent on the event id), marked sent by the dispatcher.
CREATE TABLE claim_notification_outbox (
    id          VARCHAR(100) PRIMARY KEY,
    member_id   VARCHAR(100) NOT NULL,
    claim_id    VARCHAR(100) NOT NULL,
    status      VARCHAR(40)  NOT NULL,
    message     VARCHAR(500) NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    sent_at     TIMESTAMPTZ
);
CREATE INDEX claim_notification_unsent_idx ON claim_notification_outbox (created_at) WHERE sent_at IS NULL;
CREATE INDEX claim_notification_member_idx ON claim_notification_outbox (member_id);
