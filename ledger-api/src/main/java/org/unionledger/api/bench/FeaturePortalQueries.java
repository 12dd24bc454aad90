package org.unionledger.api.bench;

import java.util.List;
import java.util.SplittableRandom;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The portal queries of features that landed after the harness (figure P4), with the SQL their
 * query handlers run (as jOOQ renders it, parameters bound the same way).
 */
final class FeaturePortalQueries {

    private FeaturePortalQueries() {
    }

    /**
     * Coverage of one pool, period and plan ({@code GET /pools/{poolId}/coverage?periodId&planCode},
     * CoverageProjection's CoverageSummaryQuery): the pools the P2 import filled.
     */
    static final class Coverage implements PortalQuery {

        private static final List<String> PLANS = List.of("INPATIENT", "SERIOUS_ILLNESS", "ACCIDENT");
        private final List<String[]> poolPeriods;

        Coverage(JdbcTemplate jdbc) {
            poolPeriods = jdbc.query("SELECT DISTINCT pool_id, period_id FROM coverage WHERE pool_id LIKE 'bench-%' "
                    + "ORDER BY pool_id, period_id", (row, n) -> new String[] {row.getString(1), row.getString(2)});
        }

        boolean hasData() {
            return !poolPeriods.isEmpty();
        }

        @Override
        public String name() {
            return "coverage";
        }

        @Override
        public Request next(BenchContext context, SplittableRandom random) {
            String[] poolPeriod = poolPeriods.get(random.nextInt(poolPeriods.size()));
            String plan = PLANS.get(random.nextInt(PLANS.size()));
            return new Request("/pools/" + poolPeriod[0] + "/coverage?periodId=" + poolPeriod[1] + "&planCode=" + plan,
                    "SELECT period_id, plan_code, org_id, payer_type, count(*), "
                            + "sum(CASE WHEN payer_type = 'UNION' THEN 1 ELSE 0 END), sum(amount_fen) FROM coverage "
                            + "WHERE pool_id = ? AND period_id = ? AND plan_code = ? "
                            + "GROUP BY period_id, plan_code, org_id, payer_type "
                            + "ORDER BY period_id, plan_code, org_id, payer_type",
                    List.of(poolPeriod[0], poolPeriod[1], plan));
        }
    }

    /**
     * A member's page of claims with their payouts ({@code GET /members/{memberId}/claims},
     * ClaimProjection's MemberClaimsQuery: newest first, at most 500), for members that have claims.
     */
    static final class Payouts implements PortalQuery {

        private final List<String> members;

        Payouts(JdbcTemplate jdbc) {
            members = jdbc.queryForList("SELECT DISTINCT member_id FROM claim ORDER BY member_id LIMIT 10000",
                    String.class);
        }

        boolean hasData() {
            return !members.isEmpty();
        }

        @Override
        public String name() {
            return "payouts";
        }

        @Override
        public Request next(BenchContext context, SplittableRandom random) {
            String memberId = members.get(random.nextInt(members.size()));
            return new Request("/members/" + memberId + "/claims",
                    "SELECT * FROM claim WHERE member_id = ? ORDER BY submitted_at DESC LIMIT 500", List.of(memberId));
        }
    }
}
