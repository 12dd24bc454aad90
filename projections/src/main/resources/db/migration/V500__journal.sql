-- The double-entry journal: one entry per money event (keyed by the event's identifier, so a
-- replayed event adds nothing), balanced postings per entry. amount_fen > 0 is a debit, < 0 a credit:
-- the postings of every entry, and so of any org, fund and period, sum to zero.
CREATE TABLE journal_entry (
    entry_id        VARCHAR(255) PRIMARY KEY,
    global_index    BIGINT       NOT NULL,
    fund_id         VARCHAR(100) NOT NULL,
    org_id          VARCHAR(100) NOT NULL,
    event_type      VARCHAR(100) NOT NULL,
    effective_date  DATE         NOT NULL,
    recorded_at     TIMESTAMPTZ  NOT NULL,
    source_id       VARCHAR(200) NOT NULL,
    description     VARCHAR(500) NOT NULL,
    -- What the bank statement shows for this entry (payment reference, contribution reference),
    -- and the signed change of the fund's cash at bank: used by reconciliation.
    bank_reference  VARCHAR(200),
    bank_amount_fen BIGINT       NOT NULL DEFAULT 0
);
CREATE INDEX journal_entry_fund_date_idx ON journal_entry (fund_id, effective_date);
CREATE INDEX journal_entry_org_date_idx ON journal_entry (org_id, effective_date);
CREATE INDEX journal_entry_bank_reference_idx ON journal_entry (fund_id, bank_reference);
CREATE INDEX journal_entry_global_idx ON journal_entry (global_index);

CREATE TABLE journal_posting (
    entry_id        VARCHAR(255) NOT NULL REFERENCES journal_entry (entry_id) ON DELETE CASCADE,
    line_no         INTEGER      NOT NULL,
    fund_id         VARCHAR(100) NOT NULL,
    org_id          VARCHAR(100) NOT NULL,
    -- Assets, Income or Expenses; the account is account_class:fund:account_path.
    account_class   VARCHAR(20)  NOT NULL,
    account_path    VARCHAR(200) NOT NULL,
    amount_fen      BIGINT       NOT NULL,
    effective_date  DATE         NOT NULL,
    recorded_at     TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (entry_id, line_no)
);
CREATE INDEX journal_posting_fund_date_idx ON journal_posting (fund_id, effective_date);
CREATE INDEX journal_posting_org_date_idx ON journal_posting (org_id, effective_date);
CREATE INDEX journal_posting_fund_recorded_idx ON journal_posting (fund_id, recorded_at);

-- Names of the funds, for the chart of accounts and exports.
CREATE TABLE journal_fund (
    fund_id    VARCHAR(100) PRIMARY KEY,
    org_id     VARCHAR(100) NOT NULL,
    name       VARCHAR(200) NOT NULL,
    fund_type  VARCHAR(40)  NOT NULL,
    opened_on  DATE         NOT NULL
);
