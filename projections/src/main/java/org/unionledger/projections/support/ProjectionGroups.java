package org.unionledger.projections.support;

import java.util.List;

/**
 * The processing groups of the projections: each group is one tracking event processor, and the
 * fourteen projections share two. Every processor reads the whole event stream, deserializes each
 * event it handles, asks each of its handlers whether it takes the event, opens a unit of work per
 * batch and stores its token; with a processor per projection that work was done fourteen times
 * for every contribution, and Axon's dispatch over several processing groups in one processor
 * asks every group again for every event (docs/PERFORMANCE.md, setting 10).
 *
 * <p>The two groups split the work of a replay about evenly, so that it keeps both cores busy to
 * the end: the journal (three rows and nine index entries per money event, the most expensive
 * writes of all) alone in one, every other projection in the other. When the journal shared a
 * group with the cases, that group ran alone for the last 60% of a replay, on one core
 * (docs/PERFORMANCE.md, setting 18). Within a group, each projection's writes keep their own order
 * ({@link BatchedWrites}). Resetting a group rebuilds all of its projections.
 */
public final class ProjectionGroups {

    /**
     * Fund balances, hardship fund money, money reach, periods, bank statements, allocations, the
     * org tree, coverage, the pool catalogue, claims and their notices, hardship cases, subsidy programs.
     */
    public static final String MONEY_AND_CASES = "money_and_cases_projections";
    /** The double-entry journal. */
    public static final String JOURNAL = "journal_projection";
    /** Every projection group: the processors that only write read models and send nothing. */
    public static final List<String> ALL = List.of(MONEY_AND_CASES, JOURNAL);

    private ProjectionGroups() {
    }
}
