package org.unionledger.api.pool;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.unionledger.api.support.LedgerHttp;

/** Builders for pool API tests: a fresh pool with a period that is open today. */
public final class PoolFixtures {

    public static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    private PoolFixtures() {
    }

    public static String aPool(LedgerHttp finance) {
        String poolId = "pool-" + UUID.randomUUID().toString().substring(0, 8);
        var created = finance.post("/pools", Map.of("poolId", poolId, "orgId", "city", "name", "City mutual aid"));
        assertThat(created.toString(), created.status(), equalTo(201));
        var period = finance.post("/pools/" + poolId + "/periods", Map.of("periodId", "current",
                "startDate", TODAY.minusDays(30).toString(), "endDate", TODAY.plusDays(300).toString()));
        assertThat(period.toString(), period.status(), equalTo(201));
        return poolId;
    }

    static String aUnionFundHolding(LedgerHttp finance, long amountFen) {
        String fundId = "union-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(finance.post("/funds", Map.of("fundId", fundId, "orgId", "city", "name", "City general fund",
                "fundType", "GENERAL")).status(), equalTo(201));
        assertThat(finance.post("/funds/" + fundId + "/contributions", Map.of("contributionId", "budget",
                "amountFen", amountFen, "payerType", "UNION", "channel", "bank")).status(), equalTo(201));
        // Gifted enrolments look the fund's type up in the fund_balance read model: wait until it shows.
        await().atMost(Duration.ofSeconds(10)).until(() -> finance.get("/funds/" + fundId + "/balance").status() == 200);
        return fundId;
    }

    public static Map<String, Object> enrolment(String memberId, String planCode, int shares, long amountFen, String payer) {
        Map<String, Object> body = new HashMap<>();
        body.put("memberId", memberId);
        body.put("planCode", planCode);
        body.put("periodId", "current");
        body.put("shares", shares);
        body.put("amountFen", amountFen);
        body.put("payerType", payer);
        body.put("channel", "counter");
        body.put("orgId", "factory-7");
        return body;
    }
}
