package org.unionledger.api.bench;

import java.util.List;
import java.util.SplittableRandom;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A part of the city-year that a feature adds to the generator, e.g. enrolments, claims, hardship
 * cases, subsidy programs, allocations: declare a Spring bean of this type and the benchmark loads
 * its events with the rest. Parts must be deterministic: use only the given random source, the
 * year's members and organisations, and what earlier parts shared.
 *
 * <p>The events go into the store behind the aggregates' backs and every event processor then
 * handles them, process managers included: a part emits complete histories, exactly the events
 * the ledger's own commands would have stored, so that no policy has anything left to do and every
 * aggregate loads and takes the next command.
 */
public interface CityYearPart {

    /** One of {@link CityYear#PLANNED_PARTS}, or a new name. */
    String name();

    /** Parts that must be generated before this one (their names). */
    default List<String> requires() {
        return List.of();
    }

    /**
     * Emits the part's events through {@code events}, which numbers each aggregate's events (from 0
     * for a new aggregate, after the earlier events of an existing one such as a fund).
     */
    void generate(CityYear year, SplittableRandom random, CityYear.Events events);

    /**
     * Called once the loaded year is in the store and every processor has caught up with it: e.g.
     * to mark what happened long ago as already done (notices sent at the time).
     */
    default void loaded(JdbcTemplate jdbc) {
    }
}
