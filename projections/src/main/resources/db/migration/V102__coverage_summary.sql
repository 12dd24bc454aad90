-- Coverage statistics kept ready per pool x period x plan x org x payer type: the portal's coverage
-- query reads a few rows here instead of grouping a pool's ~550,000 coverage rows on every request
-- (docs/PERFORMANCE.md, P4). A trigger keeps it in step with coverage, in the same statement and
-- transaction: only a row actually inserted counts (a replayed event hits ON CONFLICT DO NOTHING
-- and fires nothing), so the summary is exactly the grouping of coverage at every commit.
CREATE TABLE coverage_summary (
    pool_id            VARCHAR(100) NOT NULL,
    period_id          VARCHAR(100) NOT NULL,
    plan_code          VARCHAR(30)  NOT NULL,
    org_id             VARCHAR(100) NOT NULL,
    payer_type         VARCHAR(40)  NOT NULL,
    members_enrolled   BIGINT       NOT NULL,
    gifted_count       BIGINT       NOT NULL,
    contributions_fen  BIGINT       NOT NULL,
    PRIMARY KEY (pool_id, period_id, plan_code, org_id, payer_type)
);
-- One organisation's coverage in a pool (the portal page of a grassroots union).
CREATE INDEX coverage_summary_org_idx ON coverage_summary (pool_id, org_id, period_id);

INSERT INTO coverage_summary
SELECT pool_id, period_id, plan_code, org_id, payer_type, count(*),
       sum(CASE WHEN payer_type = 'UNION' THEN 1 ELSE 0 END), sum(amount_fen)
FROM coverage
GROUP BY pool_id, period_id, plan_code, org_id, payer_type;

CREATE FUNCTION coverage_summary_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO coverage_summary AS s (pool_id, period_id, plan_code, org_id, payer_type, members_enrolled,
                                       gifted_count, contributions_fen)
    VALUES (NEW.pool_id, NEW.period_id, NEW.plan_code, NEW.org_id, NEW.payer_type, 1,
            CASE WHEN NEW.payer_type = 'UNION' THEN 1 ELSE 0 END, NEW.amount_fen)
    ON CONFLICT (pool_id, period_id, plan_code, org_id, payer_type) DO UPDATE
        SET members_enrolled  = s.members_enrolled + 1,
            gifted_count      = s.gifted_count + EXCLUDED.gifted_count,
            contributions_fen = s.contributions_fen + EXCLUDED.contributions_fen;
    RETURN NULL;
END
$$;

CREATE TRIGGER coverage_summary_on_insert AFTER INSERT ON coverage
    FOR EACH ROW EXECUTE FUNCTION coverage_summary_add();
