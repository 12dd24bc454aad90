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
     * One organisation's coverage in one pool and period, every plan and payer type
     * ({@code GET /pools/{poolId}/coverage?periodId&orgId}, CoverageProjection's CoverageSummaryQuery,
     * read from coverage_summary): the portal page of a grassroots union, over the organisations the
     * P2 import enrolled. The city-wide breakdown (every org of a pool, thousands of rows) is a
     * report, not a portal page, and is not part of this mix.
     */
    static final class Coverage implements PortalQuery {

        private static final int ORGS_MAX = 10_000;
        private final List<String[]> poolPeriodOrgs;

        Coverage(JdbcTemplate jdbc) {
            poolPeriodOrgs = jdbc.query("SELECT DISTINCT pool_id, period_id, org_id FROM coverage_summary "
                    + "WHERE pool_id LIKE 'bench-%' ORDER BY pool_id, period_id, org_id LIMIT " + ORGS_MAX,
                    (row, n) -> new String[] {row.getString(1), row.getString(2), row.getString(3)});
        }

        boolean hasData() {
            return !poolPeriodOrgs.isEmpty();
        }

        @Override
        public String name() {
            return "coverage";
        }

        @Override
        public Request next(BenchContext context, SplittableRandom random) {
            String[] pick = poolPeriodOrgs.get(random.nextInt(poolPeriodOrgs.size()));
            return new Request("/pools/" + pick[0] + "/coverage?periodId=" + pick[1] + "&orgId=" + pick[2],
                    "SELECT * FROM coverage_summary WHERE pool_id = ? AND period_id = ? AND org_id = ? "
                            + "ORDER BY period_id, plan_code, org_id, payer_type",
                    List.of(pick[0], pick[1], pick[2]));
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
