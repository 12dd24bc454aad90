package org.unionledger.api.axon;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

/** Axon picks this factory up, and its identifiers are version-4 UUIDs that do not repeat across threads. */
class RandomIdentifierFactoryTest {

    @Test
    void axonUsesItForEveryMessage() {
        assertThat(IdentifierFactory.getInstance(), instanceOf(RandomIdentifierFactory.class));
    }

    @Test
    void identifiersAreVersionFourUuidsUniqueAcrossThreads() {
        IdentifierFactory factory = new RandomIdentifierFactory();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        int threads = 8;
        int perThread = 50_000;
        IntStream.range(0, threads).parallel().forEach(thread -> {
            for (int i = 0; i < perThread; i++) {
                String id = factory.generateIdentifier();
                UUID uuid = UUID.fromString(id);
                assertThat(uuid.version(), equalTo(4));
                assertThat(uuid.variant(), equalTo(2));
                seen.add(id);
            }
        });
        assertThat(seen.size(), equalTo(threads * perThread));
    }
}
