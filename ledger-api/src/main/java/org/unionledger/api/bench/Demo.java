package org.unionledger.api.bench;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.unionledger.core.fund.FundEvents.ContributionRecorded;
import org.unionledger.core.fund.FundEvents.FundOpened;

/**
 * scripts/demo: loads a small city-year into a running ledger over its REST API, as a finance
 * officer would: the city's, districts' and grassroots unions' funds, and their contributions.
 * Ids are deterministic, so running it again records nothing twice (the ledger answers replays).
 * Arguments: [base URL, default http://localhost:8080] [scale, default 0.0004 = 220 members].
 */
public final class Demo {

    static final long SEED = 20180701L;

    private Demo() {
    }

    public static void main(String[] args) {
        String baseUrl = args.length > 0 ? args[0] : "http://localhost:8080";
        double scale = args.length > 1 ? Double.parseDouble(args[1]) : 0.0004;
        LedgerClient ledger = LedgerClient.financeOfficer(baseUrl);
        CityYear year = new CityYear(SEED, scale);
        AtomicLong funds = new AtomicLong();
        AtomicLong contributions = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        year.generate(List.of(), event -> {
            LedgerClient.Answer answer;
            if (event.payload() instanceof FundOpened fund) {
                answer = ledger.openFund(fund.fundId(), fund.orgId(), fund.name(), fund.fundType().name());
                count(answer, funds, refused, event);
            } else if (event.payload() instanceof ContributionRecorded contribution) {
                answer = ledger.recordContribution(contribution.fundId(), contribution.contributionId(),
                        contribution.amountFen(), contribution.payerType().name(), contribution.channel(),
                        contribution.effectiveDate().toString());
                count(answer, contributions, refused, event);
            }
        });
        System.out.printf("demo: %d funds and %d contributions sent to %s (%d refused)%n", funds.get(),
                contributions.get(), baseUrl, refused.get());
        System.out.printf("try:  curl -u auditor:ledger-auditor %s/funds/city-mutual-aid/balance%n", baseUrl);
        System.exit(refused.get() == 0 ? 0 : 1);
    }

    private static void count(LedgerClient.Answer answer, AtomicLong sent, AtomicLong refused,
                              CityYear.GeneratedEvent event) {
        if (answer.ok()) {
            sent.incrementAndGet();
        } else {
            refused.incrementAndGet();
            if (refused.get() <= 5) {
                System.err.println("refused " + event.aggregateId() + ": " + answer.status() + " " + answer.body());
            }
        }
    }
}
