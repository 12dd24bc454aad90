package org.unionledger.api.axon;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

/** The aggregate cache keeps what it is given until it is removed, and tells Axon's listeners. */
class BoundedAggregateCacheTest {

    @Test
    void keepsEntriesAcrossGarbageCollectionsUntilRemoved() {
        BoundedAggregateCache cache = new BoundedAggregateCache();
        cache.put("fund-1", new StringBuilder("hot fund"));
        System.gc();
        assertThat(cache.<String, StringBuilder>get("fund-1").toString(), equalTo("hot fund"));
        assertThat(cache.containsKey("fund-1"), is(true));

        assertThat(cache.remove("fund-1"), is(true));
        assertThat(cache.<String, Object>get("fund-1"), nullValue());
        assertThat(cache.remove("fund-1"), is(false));
    }

    @Test
    void tellsListenersWhatHappened() {
        BoundedAggregateCache cache = new BoundedAggregateCache();
        List<String> heard = new ArrayList<>();
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryCreated(Object key, Object value) {
                heard.add("created " + key);
            }

            @Override
            public void onEntryUpdated(Object key, Object value) {
                heard.add("updated " + key);
            }

            @Override
            public void onEntryRemoved(Object key) {
                heard.add("removed " + key);
            }
        });
        cache.put("a", 1);
        cache.put("a", 2);
        assertThat(cache.putIfAbsent("a", 3), is(false));
        cache.computeIfPresent("a", (Integer value) -> value + 10);
        assertThat(cache.<String, Integer>get("a"), equalTo(12));
        cache.remove("a");
        assertThat(heard, contains("created a", "updated a", "removed a"));
    }
}
