-- Closed accounting periods per organisation (read model of the AccountingPeriods aggregates).
CREATE TABLE accounting_period (
    org_id          VARCHAR(100) NOT NULL,
    month           CHAR(7)      NOT NULL,
    closed_through  DATE         NOT NULL,
    note            VARCHAR(1000),
    closed_by       VARCHAR(200),
    closed_at       TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (org_id, month)
);
