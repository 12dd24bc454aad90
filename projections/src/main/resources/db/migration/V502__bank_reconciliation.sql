-- Imported bank statement lines per fund, and the reconciliation exceptions officers resolved.
CREATE TABLE bank_statement_line (
    fund_id       VARCHAR(100) NOT NULL,
    line_id       VARCHAR(100) NOT NULL,
    month         CHAR(7)      NOT NULL,
    statement_id  VARCHAR(100) NOT NULL,
    line_date     DATE         NOT NULL,
    amount_fen    BIGINT       NOT NULL,
    reference     VARCHAR(200),
    counterparty  VARCHAR(200),
    imported_by   VARCHAR(200),
    imported_at   TIMESTAMPTZ  NOT NULL,
    global_index  BIGINT       NOT NULL,
    PRIMARY KEY (fund_id, line_id)
);
CREATE INDEX bank_statement_line_month_idx ON bank_statement_line (fund_id, month);
CREATE INDEX bank_statement_line_reference_idx ON bank_statement_line (reference);

CREATE TABLE reconciliation_resolution (
    fund_id       VARCHAR(100) NOT NULL,
    month         CHAR(7)      NOT NULL,
    exception_id  VARCHAR(300) NOT NULL,
    note          VARCHAR(1000) NOT NULL,
    resolved_by   VARCHAR(200),
    resolved_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (fund_id, month, exception_id)
);
