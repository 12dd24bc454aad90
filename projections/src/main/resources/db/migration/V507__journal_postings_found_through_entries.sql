-- A posting is always in its entry's fund, organisation and day (JournalMapping books every entry
-- in one fund's books; JournalProjection writes the entry's values into each posting), so the
-- postings' own indexes on those columns repeated the entries' for twice as many rows. The journal's
-- queries find postings through their entries (journal_entry_fund_date_idx, journal_entry_org_date_idx)
-- and the postings' primary key, and every money event keeps four index entries fewer
-- (docs/PERFORMANCE.md, setting 77).
DROP INDEX IF EXISTS journal_posting_fund_date_idx;
DROP INDEX IF EXISTS journal_posting_org_date_idx;
-- A replay stopped before its indexes were built again would otherwise build them back.
DELETE FROM journal_deferred_index
WHERE regexp_replace(index_name, '^.*\.', '') IN ('journal_posting_fund_date_idx', 'journal_posting_org_date_idx');
