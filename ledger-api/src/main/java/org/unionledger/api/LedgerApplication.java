package org.unionledger.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The union-ledger application: REST API, portal and event processors in one process. */
@SpringBootApplication(scanBasePackages = "org.unionledger")
@ConfigurationPropertiesScan("org.unionledger")
public class LedgerApplication {

    public static void main(String[] args) {
        // The machines are offline: Axon's update checker would only log connection errors.
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        SpringApplication.run(LedgerApplication.class, args);
    }
}
