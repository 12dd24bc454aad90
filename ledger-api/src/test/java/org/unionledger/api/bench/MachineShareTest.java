package org.unionledger.api.bench;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import org.junit.jupiter.api.Test;

class MachineShareTest {

    @Test
    void aReclaimThreadCountsItsUserAndSystemTicks() {
        String kdamond = "83 (kdamond.0) I 2 0 0 0 -1 2129984 0 0 0 0 7 9860 0 0 20 0 1 0 121 0 0 0 0 0";

        assertThat(MachineShare.reclaimTicks(kdamond), equalTo(9867L));
    }

    @Test
    void otherProcessesCountNothingWhateverTheirNameHolds() {
        String java = "7015 (java) S 1 7015 7015 0 -1 4194560 1717346 0 0 0 52000 9000 0 0 20 0 80 0";
        String tricky = "9 (x) kswapd0 (y) S 1 9 9 0 -1 0 0 0 0 0 500 500 0 0 20 0 1 0";

        assertThat(MachineShare.reclaimTicks(java), equalTo(0L));
        assertThat(MachineShare.reclaimTicks(tricky), equalTo(0L));
    }

    @Test
    void aRoundSaysStealAndReclaimAsSharesOfTheMachineWhereProcIsThere() {
        MachineShare before = MachineShare.now();
        long until = System.nanoTime() + 50_000_000L;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        String said = MachineShare.now().since(before);

        if (System.getProperty("os.name").startsWith("Linux")) {
            assertThat(said, matchesPattern("steal \\d+%, kernel reclaim \\d+\\.\\d% of the machine"));
        } else {
            assertThat(said, equalTo(""));
        }
    }
}
