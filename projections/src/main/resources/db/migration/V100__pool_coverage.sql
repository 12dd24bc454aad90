-- Mutual-aid pools and what they offer: rebuilt from MutualAidPool events.
CREATE TABLE pool (
    pool_id     VARCHAR(100) PRIMARY KEY,
    org_id      VARCHAR(100) NOT NULL,
    name        VARCHAR(200) NOT NULL,
    fund_id     VARCHAR(100) NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL
);

CREATE TABLE pool_plan (
    pool_id                    VARCHAR(100) NOT NULL,
    plan_code                  VARCHAR(30)  NOT NULL,
    name                       VARCHAR(200) NOT NULL,
    contribution_per_share_fen BIGINT       NOT NULL,
    shares_min                 INT          NOT NULL,
    shares_max                 INT          NOT NULL,
    benefit_cap_fen            BIGINT       NOT NULL,
    fixed_benefit_fen          BIGINT       NOT NULL,
    waiting_period_days        INT          NOT NULL,
    female_only                BOOLEAN      NOT NULL,
    PRIMARY KEY (pool_id, plan_code)
);

CREATE TABLE pool_period (
    pool_id     VARCHAR(100)  NOT NULL,
    period_id   VARCHAR(100)  NOT NULL,
    start_date  DATE          NOT NULL,
    end_date    DATE          NOT NULL,
    -- Comma-separated plan codes the period offers.
    plan_codes  VARCHAR(1000) NOT NULL,
    PRIMARY KEY (pool_id, period_id)
);

-- One row per member x plan x period: the portal's coverage statistics and a member's own view.
CREATE TABLE coverage (
    coverage_id    VARCHAR(100) PRIMARY KEY,
    pool_id        VARCHAR(100) NOT NULL,
    member_id      VARCHAR(100) NOT NULL,
    org_id         VARCHAR(100) NOT NULL,
    plan_code      VARCHAR(30)  NOT NULL,
    period_id      VARCHAR(100) NOT NULL,
    shares         INT          NOT NULL,
    amount_fen     BIGINT       NOT NULL,
    payer_type     VARCHAR(40)  NOT NULL,
    channel        VARCHAR(100),
    employer_id    VARCHAR(100),
    gift_fund_id   VARCHAR(100),
    enrolled_on    DATE         NOT NULL,
    benefits_from  DATE         NOT NULL,
    period_end     DATE         NOT NULL,
    global_index   BIGINT       NOT NULL
);
CREATE INDEX coverage_pool_period_plan_idx ON coverage (pool_id, period_id, plan_code);
CREATE INDEX coverage_member_idx ON coverage (member_id);
