package org.unionledger.api.axon;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.UUID;

import org.axonframework.common.IdentifierFactory;

/**
 * Identifiers of Axon's messages (every command, event and query): random version-4 UUIDs, as
 * Axon's default makes them, but without {@link UUID#randomUUID()}'s one {@link SecureRandom}
 * for the whole JVM. That generator is synchronized: under load, request threads and event
 * processors queued on its lock for 60 ms on average (Flight Recorder, P4 of a {@code --quick}
 * run; docs/PERFORMANCE.md, setting 13). Here each thread draws from its own generator, seeded
 * once from {@link SecureRandom}: 122 random bits per identifier as before, so identifiers stay
 * unique across threads and nodes; they are not secrets (events carry them in the open).
 * Registered with Axon through {@code META-INF/services/org.axonframework.common.IdentifierFactory}.
 */
public class RandomIdentifierFactory extends IdentifierFactory {

    private static final SecureRandom SEEDS = new SecureRandom();
    private static final ThreadLocal<SplittableRandom> RANDOM = ThreadLocal.withInitial(RandomIdentifierFactory::seeded);

    private static SplittableRandom seeded() {
        synchronized (SEEDS) {
            return new SplittableRandom(SEEDS.nextLong());
        }
    }

    @Override
    public String generateIdentifier() {
        SplittableRandom random = RANDOM.get();
        long high = (random.nextLong() & 0xffff_ffff_ffff_0fffL) | 0x0000_0000_0000_4000L;
        long low = (random.nextLong() & 0x3fff_ffff_ffff_ffffL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
