package org.unionledger.projections.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The published formula is fixed forever: a known answer, recomputed independently in Python (docs/audit.md). */
class HashChainTest {

    private static final StoredEvent EVENT = new StoredEvent(7, "Fund", "fund-a", 3, "ev-1",
            "org.x.FundEvents$ContributionRecorded", "1", "2026-03-05T08:01:02.345Z",
            "{\"amountFen\":100}".getBytes(StandardCharsets.UTF_8), null);

    @Test
    void hashOfAKnownEventIsTheDocumentedOne() {
        assertThat(HashChain.next(HashChain.GENESIS, EVENT),
                equalTo("17cb06b420deea19dcba3b44487402b7d0b80b8555fd884b19c81dbaae11adc0"));
    }

    @Test
    void missingMetadataDiffersFromEmptyMetadata() {
        StoredEvent empty = new StoredEvent(7, "Fund", "fund-a", 3, "ev-1", EVENT.payloadType(), "1",
                EVENT.timeStamp(), EVENT.payload(), new byte[0]);

        assertThat(HashChain.next(HashChain.GENESIS, empty), not(equalTo(HashChain.next(HashChain.GENESIS, EVENT))));
    }
}
