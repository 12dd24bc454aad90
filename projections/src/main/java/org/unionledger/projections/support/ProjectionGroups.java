package org.unionledger.projections.support;

/**
 * The processing groups of the projections: each group is one tracking event processor, and the
 * fourteen projections share two. Every processor reads the whole event stream, deserializes each
 * event it handles, asks each of its handlers whether it takes the event, opens a unit of work per
 * batch and stores its token; with a processor per projection that work was done fourteen times
 * for every contribution, and Axon's dispatch over several processing groups in one processor
 * asks every group again for every event (docs/PERFORMANCE.md, setting 10). Two groups keep the
 * two cores busy during a replay; each gets about half of the work. Within a group, each
 * projection's writes keep their own order ({@link BatchedWrites}). Resetting a group rebuilds
 * all of its projections.
 */
public final class ProjectionGroups {

    /** Fund balances, hardship fund money, money reach, periods, bank statements, allocations, the org tree. */
    public static final String MONEY = "money_projections";
    /** The journal, coverage, the pool catalogue, claims and their notices, hardship cases, subsidy programs. */
    public static final String BOOKS_AND_CASES = "books_and_cases_projections";

    private ProjectionGroups() {
    }
}
