-- An entry's postings are inserted by the statement that inserts the entry, selected from its
-- RETURNING row (JournalProjection.entryWithPostings), and the journal is emptied only by one
-- TRUNCATE of both tables: a posting cannot exist without its entry. The foreign key checked it
-- again for every posting, locking the entry's row (FOR KEY SHARE) to do so, about an eighth of
-- the journal's PostgreSQL time in a replay (docs/PERFORMANCE.md, setting 34).
-- JournalPropertiesTest checks that no posting lacks its entry; scripts/verify reports any that does.
ALTER TABLE journal_posting DROP CONSTRAINT IF EXISTS journal_posting_entry_id_fkey;
