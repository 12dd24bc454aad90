package org.unionledger.api.pool;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.unionledger.api.pool.Enrolments.FundCommand;

/**
 * The order an import's batch takes fund locks in: gift funds by id, then the pool's fund, whose
 * lock every batch of the import waits for, whatever the funds' ids.
 */
class EnrolmentLockOrderTest {

    @Test
    void giftFundsGoFirstAndThePoolsFundLastWhateverTheirIds() {
        List<FundCommand> money = new ArrayList<>(List.of(
                new FundCommand("a-pool", true, "contribution 1"),
                new FundCommand("z-general", false, "reserve"),
                new FundCommand("b-general", false, "reserve"),
                new FundCommand("a-pool", true, "contribution 2"),
                new FundCommand("b-general", false, "disburse")));

        money.sort(Enrolments.LOCK_ORDER);

        assertThat(money.stream().map(FundCommand::fundId).toList(),
                contains("b-general", "b-general", "z-general", "a-pool", "a-pool"));
        assertThat(money.stream().map(command -> command.message().getPayload()).toList(),
                contains("reserve", "disburse", "reserve", "contribution 1", "contribution 2"));
    }
}
