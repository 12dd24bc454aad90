-- The postings keyed in the store's order: (global_index, entry_id, line_no) instead of
-- (entry_id, line_no). An entry's id is its event's random identifier, so every posting went into a
-- random leaf of the key and, after each checkpoint, wrote that leaf's full image to the WAL (about
-- 900 bytes of WAL per money event, more than the event's own row); in global order the postings
-- are appended at the key's right edge. The entry's global index is copied into its postings, and
-- the journal's queries find an entry's postings by both (docs/PERFORMANCE.md, setting 79).
ALTER TABLE journal_posting ADD COLUMN global_index BIGINT;
UPDATE journal_posting p SET global_index = e.global_index FROM journal_entry e WHERE e.entry_id = p.entry_id;
DO $$
DECLARE
    orphans BIGINT;
BEGIN
    SELECT count(*) INTO orphans FROM journal_posting WHERE global_index IS NULL;
    IF orphans > 0 THEN
        RAISE EXCEPTION 'journal_posting holds % postings without their entry (see scripts/verify); '
            'the journal must be rebuilt (a replay) before this migration can key postings by their entry''s index',
            orphans;
    END IF;
END
$$;
ALTER TABLE journal_posting ALTER COLUMN global_index SET NOT NULL;
ALTER TABLE journal_posting DROP CONSTRAINT journal_posting_pkey;
ALTER TABLE journal_posting ADD CONSTRAINT journal_posting_pkey PRIMARY KEY (global_index, entry_id, line_no);
