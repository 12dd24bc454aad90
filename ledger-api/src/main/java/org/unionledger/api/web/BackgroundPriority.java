package org.unionledger.api.web;

/**
 * The Java priority of threads that work in the background (event processors, the snapshotter,
 * the hash chainer): the lowest while portal reads go first ({@link ReadsFirstFilter},
 * {@code ledger.web.reads-first}, on by default), else normal.
 */
public final class BackgroundPriority {

    /** The setting, with its default, for {@code @Value}. */
    public static final String READS_FIRST = "${ledger.web.reads-first:true}";

    private BackgroundPriority() {
    }

    public static int of(boolean readsFirst) {
        return readsFirst ? Thread.MIN_PRIORITY : Thread.NORM_PRIORITY;
    }
}
