-- A money command's closed-period check, decided by PostgreSQL in the statements sent with the
-- command's events, so that the command's COMMIT can go in the same round trip (docs/journal.md,
-- "Closed periods"; docs/PERFORMANCE.md, setting 81). It does what ClosedPeriodGuard did in Java
-- after reading the last close:
--   1. takes the organisation's period lock shared (a close takes it exclusively), held until the
--      transaction ends;
--   2. reads the organisation's last AccountingPeriodClosed. A function that is VOLATILE (the
--      default) takes a fresh snapshot for each statement under READ COMMITTED, so the read sees
--      every close that committed before the lock was granted;
--   3. refuses money dated on or before that close's closed-through date: SQLSTATE UL502, the date
--      in DETAIL. The statements after it in the same message (the events' insert, the COMMIT) are
--      then skipped and the unit of work rolls back.
-- A close stored under another payload revision than the one the ledger passes is not read here
-- (an upcaster would have to be repeated in SQL): SQLSTATE UL501, and the ledger checks that
-- organisation's money in Java from then on.
CREATE FUNCTION ledger_require_open_period(periods_id TEXT, closed_type TEXT, closed_revision TEXT,
                                           effective_date DATE) RETURNS VOID
    LANGUAGE plpgsql VOLATILE AS
$$
DECLARE
    last_payload   BYTEA;
    last_revision  TEXT;
    closed_through DATE;
BEGIN
    PERFORM pg_advisory_xact_lock_shared(hashtextextended(periods_id, 0));
    SELECT payload, payloadrevision INTO last_payload, last_revision
      FROM domainevententry
     WHERE aggregateidentifier = periods_id AND payloadtype = closed_type
     ORDER BY sequencenumber DESC LIMIT 1;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    IF last_revision IS DISTINCT FROM closed_revision THEN
        RAISE EXCEPTION 'the last close of % has payload revision %, not %', periods_id, last_revision,
            closed_revision USING ERRCODE = 'UL501';
    END IF;
    closed_through := (convert_from(last_payload, 'UTF8')::jsonb ->> 'closedThrough')::date;
    IF effective_date <= closed_through THEN
        RAISE EXCEPTION '% is closed through %', periods_id, closed_through
            USING ERRCODE = 'UL502', DETAIL = closed_through::text;
    END IF;
END
$$;
