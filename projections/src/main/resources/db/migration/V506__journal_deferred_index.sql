-- The journal's secondary indexes while a replay rebuilds it: the reset handler records each one's
-- definition here and drops it, and DeferredJournalIndexes builds it again from that definition
-- once the journal's processor is no longer replaying, then deletes the row. A process stopped in
-- between finds the rows when it comes back (docs/PERFORMANCE.md, setting 66).
CREATE TABLE journal_deferred_index (
    index_name  TEXT        PRIMARY KEY,
    definition  TEXT        NOT NULL,
    deferred_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
