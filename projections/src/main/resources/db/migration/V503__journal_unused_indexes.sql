-- Two journal indexes that no query uses, dropped: every money event's entry and postings paid
-- for them (docs/PERFORMANCE.md, setting 19). Nothing looks entries up by bank reference
-- (reconciliation reads a fund's entries by date), and a fund's balance at a time reads the
-- fund's postings through journal_posting_fund_date_idx and filters on recorded_at.
DROP INDEX IF EXISTS journal_entry_bank_reference_idx;
DROP INDEX IF EXISTS journal_posting_fund_recorded_idx;
