package org.unionledger.api.bench;

import java.util.List;

/**
 * A bulk path of the ledger measured against a raw JDBC batched insert of the same event rows
 * (figure P2: the enrolment import of issue 3). The feature declares a Spring bean of this type
 * when it lands; until then the benchmark prints {@code P2 not-measured}.
 */
public interface BulkImportWorkload {

    /** The figure this workload answers, e.g. "P2". */
    String figure();

    /**
     * Creates what one round's import needs (a pool, its period, the file), through the ledger;
     * not timed. Called before each round.
     */
    void prepare(BenchContext context, int rows, int round) throws Exception;

    /**
     * Imports {@code rows} rows through the ledger (as a client would) and returns once every
     * resulting event is stored; round makes the ids of each round distinct. Returns events stored.
     */
    long importThroughLedger(BenchContext context, int rows, int round) throws Exception;

    /** The events that import stores, for the raw batched insert of the same rows. */
    List<CityYear.GeneratedEvent> sameEvents(BenchContext context, int rows, int round);
}
