package org.unionledger.api.database;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.unionledger.api.LedgerApplication;
import org.unionledger.api.support.LedgerHttp;

/**
 * The embedded default keeps its data on disk: a contribution made before a restart is still in
 * the balance after it, read back from the same data folder.
 */
@DisabledIfEnvironmentVariable(named = "LEDGER_DB_URL", matches = ".+")
class RestartKeepsEventsTest {

    @Test
    void contributionSurvivesARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("ledger-restart").resolve("postgres");

        try (ConfigurableApplicationContext first = start(dataDir)) {
            LedgerHttp finance = LedgerHttp.at(port(first)).as("finance");
            finance.post("/funds", Map.of("fundId", "kept", "orgId", "city", "name", "Kept", "fundType", "GENERAL"));
            var recorded = finance.post("/funds/kept/contributions",
                    Map.of("contributionId", "c-1", "amountFen", 777, "payerType", "UNION"));
            assertThat(recorded.toString(), recorded.status(), equalTo(201));
            await().atMost(Duration.ofSeconds(10)).until(() -> availableFen(finance) == 777);
        }

        try (ConfigurableApplicationContext second = start(dataDir)) {
            LedgerHttp finance = LedgerHttp.at(port(second)).as("finance");
            assertThat(availableFen(finance), equalTo(777L));
            var retried = finance.post("/funds/kept/contributions",
                    Map.of("contributionId", "c-1", "amountFen", 777, "payerType", "UNION"));
            assertThat(retried.header("Idempotent-Replayed"), equalTo("true"));
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(LedgerApplication.class)
                .profiles("test")
                .run("--server.port=0", "--ledger.db.embedded.data-dir=" + dataDir,
                        "--ledger.db.embedded.clean-on-start=false");
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static long availableFen(LedgerHttp finance) {
        var balance = finance.get("/funds/kept/balance");
        return balance.status() == 200 ? balance.json().get("availableFen").asLong() : -1;
    }
}
