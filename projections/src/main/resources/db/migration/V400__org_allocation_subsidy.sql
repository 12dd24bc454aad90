-- Organisations, allocations between funds, subsidy programs and the statistics over them.

-- Allocation money accepted by a target fund but not yet settled: not in its available or in.
ALTER TABLE fund_balance ADD COLUMN pending_in_fen BIGINT NOT NULL DEFAULT 0;

-- The organisation tree. path is the materialised path of ids from the root, '/city/d-1/g-1/',
-- so "inside the subtree of Y" is starts_with(path, Y's path).
CREATE TABLE org_tree (
    org_id         VARCHAR(100)  PRIMARY KEY,
    name           VARCHAR(200)  NOT NULL,
    level          VARCHAR(40)   NOT NULL,
    parent_org_id  VARCHAR(100),
    path           VARCHAR(4000) NOT NULL,
    depth          INT           NOT NULL,
    registered_at  TIMESTAMPTZ   NOT NULL
);
CREATE INDEX org_tree_path_idx ON org_tree (path text_pattern_ops);
CREATE INDEX org_tree_parent_idx ON org_tree (parent_org_id);

-- Every fund-to-fund transfer (allocations down the tree and clawbacks back up) and its step.
CREATE TABLE allocation (
    allocation_id    VARCHAR(100) PRIMARY KEY,
    kind             VARCHAR(20)  NOT NULL,
    clawback_of      VARCHAR(100),
    source_fund_id   VARCHAR(100) NOT NULL,
    source_org_id    VARCHAR(100) NOT NULL,
    target_fund_id   VARCHAR(100) NOT NULL,
    target_org_id    VARCHAR(100),
    amount_fen       BIGINT       NOT NULL,
    status           VARCHAR(20)  NOT NULL,
    status_rank      INT          NOT NULL,
    refusal_reason   VARCHAR(500),
    clawback_id      VARCHAR(100),
    clawed_back_fen  BIGINT       NOT NULL DEFAULT 0,
    requested_at     TIMESTAMPTZ  NOT NULL,
    updated_at       TIMESTAMPTZ  NOT NULL
);
CREATE INDEX allocation_target_idx ON allocation (target_fund_id);

-- Subsidy programs with their running totals; last_sequence makes replays idempotent.
CREATE TABLE subsidy_program (
    program_id             VARCHAR(100) PRIMARY KEY,
    org_id                 VARCHAR(100) NOT NULL,
    name                   VARCHAR(200) NOT NULL,
    fund_id                VARCHAR(100) NOT NULL,
    amount_rule            VARCHAR(20)  NOT NULL,
    amount_per_person_fen  BIGINT       NOT NULL,
    criteria               VARCHAR(200) NOT NULL,
    budget_fen             BIGINT       NOT NULL DEFAULT 0,
    granted_fen            BIGINT       NOT NULL DEFAULT 0,
    granted_count          INT          NOT NULL DEFAULT 0,
    paid_fen               BIGINT       NOT NULL DEFAULT 0,
    paid_count             INT          NOT NULL DEFAULT 0,
    application_count      INT          NOT NULL DEFAULT 0,
    rejected_count         INT          NOT NULL DEFAULT 0,
    last_sequence          BIGINT       NOT NULL,
    updated_at             TIMESTAMPTZ  NOT NULL
);
CREATE INDEX subsidy_program_org_idx ON subsidy_program (org_id);

-- A program's budget by funding source (union money and matching money).
CREATE TABLE subsidy_funding (
    program_id  VARCHAR(100) NOT NULL,
    funding_id  VARCHAR(100) NOT NULL,
    source      VARCHAR(20)  NOT NULL,
    amount_fen  BIGINT       NOT NULL,
    PRIMARY KEY (program_id, funding_id)
);

-- One row per application: the member (opaque id), their organisation, and what became of it.
CREATE TABLE subsidy_grant (
    program_id         VARCHAR(100) NOT NULL,
    application_id     VARCHAR(100) NOT NULL,
    grant_id           VARCHAR(210) NOT NULL,
    member_id          VARCHAR(100) NOT NULL,
    member_org_id      VARCHAR(100),
    amount_fen         BIGINT       NOT NULL,
    status             VARCHAR(20)  NOT NULL,
    applied_by         VARCHAR(100),
    decided_by         VARCHAR(100),
    payment_method     VARCHAR(20),
    payment_reference  VARCHAR(200),
    paid_on            DATE,
    PRIMARY KEY (program_id, application_id)
);

-- Money leaving a fund for good or passing down the tree, with where it came from and where it
-- arrived: the facts behind the grassroots share (docs/subsidy.md states the definition).
CREATE TABLE money_reach (
    event_key           VARCHAR(300) PRIMARY KEY,
    kind                VARCHAR(20)  NOT NULL,
    payer_org_id        VARCHAR(100) NOT NULL,
    destination_org_id  VARCHAR(100) NOT NULL,
    amount_fen          BIGINT       NOT NULL,
    recorded_at         TIMESTAMPTZ  NOT NULL
);
