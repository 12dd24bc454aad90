package org.unionledger.api.journal;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.YearMonth;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.unionledger.api.support.ApiTest;
import org.unionledger.api.support.LedgerHttp;
import org.unionledger.core.period.AccountingPeriods;

/**
 * A close and money of the same organisation do not overlap (ClosedPeriodGuard's period lock). The
 * test stands in for a command in flight by holding the organisation's lock itself, in a
 * transaction of its own, as that command's transaction would: shared for money being recorded.
 */
@ApiTest
class ClosedPeriodRaceTest {

    /** Long enough for a command that does not wait to have been answered on a busy machine. */
    private static final long WAITS_AT_LEAST_MS = 1_500;

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    private LedgerHttp finance;
    private String orgId;
    private String fundId;
    private YearMonth closedMonth;

    @BeforeEach
    void openAFund() {
        finance = LedgerHttp.at(port).as("finance");
        String run = UUID.randomUUID().toString().substring(0, 8);
        orgId = "org-" + run;
        fundId = "hardship-" + run;
        closedMonth = YearMonth.now(BooksClock.BOOKS_ZONE).minusMonths(2);
        var opened = finance.post("/funds", Map.of("fundId", fundId, "orgId", orgId, "name", "Hardship fund",
                "fundType", "HARDSHIP"));
        assertThat(opened.toString(), opened.status(), equalTo(201));
    }

    @Test
    void aCloseWaitsForMoneyBeingRecordedAndMoneyArrivingDuringTheCloseIsRefusedAfterIt() throws Exception {
        try (Connection moneyInFlight = dataSource.getConnection()) {
            moneyInFlight.setAutoCommit(false);
            holdPeriodsLock(moneyInFlight, ClosedPeriodGuard.LOCK_SHARED, orgId);

            CompletableFuture<LedgerHttp.Response> close = CompletableFuture.supplyAsync(() -> finance.post(
                    "/orgs/" + orgId + "/closed-periods", Map.of("month", closedMonth.toString())));
            Thread.sleep(WAITS_AT_LEAST_MS);
            assertThat("the close waits for the money being recorded", close.isDone(), is(false));

            // Money dated in the month, arriving while the close waits: it queues behind the close.
            CompletableFuture<LedgerHttp.Response> late = CompletableFuture.supplyAsync(() -> contribute("c-late"));
            Thread.sleep(WAITS_AT_LEAST_MS);
            assertThat("money arriving during the close waits for it", late.isDone(), is(false));

            moneyInFlight.commit();

            var closed = close.get(30, TimeUnit.SECONDS);
            assertThat(closed.toString(), closed.status(), equalTo(201));
            var refused = late.get(30, TimeUnit.SECONDS);
            assertThat(refused.toString(), refused.status(), equalTo(422));
            assertThat(refused.body(), containsString("PERIOD_MUST_BE_OPEN"));
        }
    }

    @Test
    void moneyOfAnotherOrganisationDoesNotWaitForTheLock() throws Exception {
        try (Connection otherOrgInFlight = dataSource.getConnection()) {
            otherOrgInFlight.setAutoCommit(false);
            holdPeriodsLock(otherOrgInFlight, ClosedPeriodGuard.LOCK_EXCLUSIVE, orgId + "-other");
            var recorded = CompletableFuture.supplyAsync(() -> contribute("c-1")).get(30, TimeUnit.SECONDS);
            assertThat(recorded.toString(), recorded.status(), equalTo(201));
            otherOrgInFlight.rollback();
        }
    }

    /** Takes an organisation's period lock as ClosedPeriodGuard does, until the connection's transaction ends. */
    private static void holdPeriodsLock(Connection connection, String lockSql, String lockedOrgId) throws Exception {
        try (PreparedStatement lock = connection.prepareStatement(lockSql)) {
            lock.setString(1, AccountingPeriods.idOf(lockedOrgId));
            lock.execute();
        }
    }

    private LedgerHttp.Response contribute(String contributionId) {
        return finance.post("/funds/" + fundId + "/contributions", Map.of("contributionId", contributionId,
                "amountFen", 5_000, "payerType", "DONOR", "channel", "bank", "effectiveDate",
                closedMonth.atDay(15).toString()));
    }
}
