package org.unionledger.api.axon;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * Axon's aggregate cache on Caffeine: aggregates stay in memory between commands until the cache
 * is full (least recently used go first) or they were idle for {@link #IDLE_MAX}. Unlike Axon's
 * WeakReferenceCache, a hot fund is not dropped at the next garbage collection, so it is not
 * replayed again; its memory is bounded by {@link #AGGREGATES_MAX}.
 */
final class BoundedAggregateCache implements Cache {

    /** Aggregates kept at most. A fund with its reservations is a few kilobytes. */
    static final long AGGREGATES_MAX = 50_000;
    /** An aggregate nobody touched for this long is dropped (it loads again from its snapshot). */
    static final Duration IDLE_MAX = Duration.ofMinutes(30);

    private final List<EntryListener> listeners = new CopyOnWriteArrayList<>();
    private final com.github.benmanes.caffeine.cache.Cache<Object, Object> entries = Caffeine.newBuilder()
            .maximumSize(AGGREGATES_MAX)
            .expireAfterAccess(IDLE_MAX)
            // Listeners hear of a removal on the caller's thread, before remove() returns (Caffeine's
            // default runs them later on the common pool).
            .executor(Runnable::run)
            .removalListener((Object key, Object value, RemovalCause cause) -> {
                for (EntryListener listener : listeners) {
                    if (cause == RemovalCause.EXPIRED || cause == RemovalCause.SIZE) {
                        listener.onEntryExpired(key);
                    } else if (cause == RemovalCause.EXPLICIT) {
                        listener.onEntryRemoved(key);
                    }
                }
            })
            .build();

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        return (V) entries.getIfPresent(key);
    }

    @Override
    public void put(Object key, Object value) {
        Object earlier = entries.asMap().put(key, value);
        for (EntryListener listener : listeners) {
            if (earlier == null) {
                listener.onEntryCreated(key, value);
            } else {
                listener.onEntryUpdated(key, value);
            }
        }
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        boolean added = entries.asMap().putIfAbsent(key, value) == null;
        if (added) {
            listeners.forEach(listener -> listener.onEntryCreated(key, value));
        }
        return added;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return (T) entries.get(key, k -> valueSupplier.get());
    }

    @Override
    public boolean remove(Object key) {
        return entries.asMap().remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.invalidateAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.asMap().containsKey(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        entries.asMap().computeIfPresent(key, (k, value) -> update.apply((V) value));
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
