-- coverage_summary kept by one aggregated upsert per INSERT statement instead of one per row
-- (docs/PERFORMANCE.md, setting 36). The projection's coverage inserts go out as JDBC batches that
-- the driver sends as multi-row INSERTs, and an import's rows fall into a handful of summary rows:
-- per row, each insert ran a PL/pgSQL call and an upsert on one of those few rows, updated again
-- and again in the same transaction. The transition table holds only the rows the statement
-- actually inserted (a replayed event hits ON CONFLICT DO NOTHING and is not in it), so the
-- summary is still exactly the grouping of coverage at every commit. Summary rows are upserted in
-- key order, so that two statements could never lock them in opposite orders.
CREATE FUNCTION coverage_summary_add_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO coverage_summary AS s (pool_id, period_id, plan_code, org_id, payer_type, members_enrolled,
                                       gifted_count, contributions_fen)
    SELECT pool_id, period_id, plan_code, org_id, payer_type, count(*),
           count(*) FILTER (WHERE payer_type = 'UNION'), sum(amount_fen)
    FROM inserted
    GROUP BY pool_id, period_id, plan_code, org_id, payer_type
    ORDER BY pool_id, period_id, plan_code, org_id, payer_type
    ON CONFLICT (pool_id, period_id, plan_code, org_id, payer_type) DO UPDATE
        SET members_enrolled  = s.members_enrolled + EXCLUDED.members_enrolled,
            gifted_count      = s.gifted_count + EXCLUDED.gifted_count,
            contributions_fen = s.contributions_fen + EXCLUDED.contributions_fen;
    RETURN NULL;
END
$$;

DROP TRIGGER coverage_summary_on_insert ON coverage;
DROP FUNCTION coverage_summary_add();

CREATE TRIGGER coverage_summary_on_insert AFTER INSERT ON coverage
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION coverage_summary_add_inserted();
