-- Hardship register: one row per household case. last_sequence makes replays idempotent.
CREATE TABLE hardship_case (
    case_id                      VARCHAR(100) PRIMARY KEY,
    member_id                    VARCHAR(100) NOT NULL,
    org_id                       VARCHAR(100) NOT NULL,
    household_size               INTEGER      NOT NULL,
    monthly_income_per_head_fen  BIGINT       NOT NULL,
    causes                       VARCHAR(40)[] NOT NULL,
    status                       VARCHAR(20)  NOT NULL,
    deep_hardship                BOOLEAN      NOT NULL DEFAULT FALSE,
    certificate_number           VARCHAR(64),
    registered_on                DATE         NOT NULL,
    verified_on                  DATE,
    exited_on                    DATE,
    exit_reason                  VARCHAR(40),
    last_reviewed_year           INTEGER,
    last_sequence                BIGINT       NOT NULL,
    updated_at                   TIMESTAMPTZ  NOT NULL
);
CREATE INDEX hardship_case_org_idx ON hardship_case (org_id, status);

-- The latest check of each required department in the case's current verification round.
CREATE TABLE hardship_check (
    case_id     VARCHAR(100) NOT NULL,
    department  VARCHAR(100) NOT NULL,
    required    BOOLEAN      NOT NULL,
    passed      BOOLEAN,
    note        VARCHAR(500),
    checked_by  VARCHAR(100),
    checked_on  DATE,
    PRIMARY KEY (case_id, department)
);

-- Entries into and exits from hardship, for the exit rate per year.
CREATE TABLE hardship_status_change (
    case_id    VARCHAR(100) NOT NULL,
    sequence   BIGINT       NOT NULL,
    org_id     VARCHAR(100) NOT NULL,
    kind       VARCHAR(10)  NOT NULL,  -- ENTERED or EXITED
    on_date    DATE         NOT NULL,
    PRIMARY KEY (case_id, sequence)
);

-- Every grant and where it stands.
CREATE TABLE hardship_grant (
    case_id            VARCHAR(100) NOT NULL,
    grant_id           VARCHAR(100) NOT NULL,
    org_id             VARCHAR(100) NOT NULL,
    fund_id            VARCHAR(100) NOT NULL,
    assistance_type    VARCHAR(40)  NOT NULL,
    amount_fen         BIGINT       NOT NULL,
    child_id           VARCHAR(100),
    goods_description  VARCHAR(200),
    goods_quantity     BIGINT,
    goods_unit_value_fen BIGINT,
    status             VARCHAR(20)  NOT NULL,
    awaiting_reason    VARCHAR(100),
    reservation_id     VARCHAR(100),
    proposed_by        VARCHAR(100) NOT NULL,
    proposed_on        DATE         NOT NULL,
    approved_by        VARCHAR(100),
    approved_on        DATE,
    rejected_by        VARCHAR(100),
    rejected_on        DATE,
    rejection_reason   VARCHAR(500),
    payment_reference  VARCHAR(100),
    paid_on            DATE,
    PRIMARY KEY (case_id, grant_id)
);
CREATE INDEX hardship_grant_paid_idx ON hardship_grant (paid_on) WHERE paid_on IS NOT NULL;

-- Funds of type HARDSHIP, and their money in (by source) and out (grants paid, payments returned).
CREATE TABLE hardship_fund (
    fund_id  VARCHAR(100) PRIMARY KEY,
    org_id   VARCHAR(100) NOT NULL
);

CREATE TABLE hardship_fund_flow (
    fund_id     VARCHAR(100) NOT NULL,
    entry_id    VARCHAR(150) NOT NULL,
    org_id      VARCHAR(100) NOT NULL,
    kind        VARCHAR(10)  NOT NULL,  -- RAISED, SPENT or RETURNED
    payer_type  VARCHAR(40),
    amount_fen  BIGINT       NOT NULL,
    on_date     DATE         NOT NULL,
    PRIMARY KEY (fund_id, kind, entry_id)
);
