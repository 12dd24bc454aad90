package org.unionledger.api.bench;

import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A part of the city-year that a feature adds to the generator when it lands, e.g. enrolments
 * (issue 3), claims, hardship cases, subsidy programs, allocations: declare a Spring bean of this
 * type and the benchmark loads its events with the rest. Parts must be deterministic: use only the
 * given random source and the year's members and organisations.
 */
public interface CityYearPart {

    /** One of {@link CityYear#PLANNED_PARTS}, or a new name. */
    String name();

    /** Emits the part's events, each aggregate's sequence numbers from 0 in order. */
    void generate(CityYear year, SplittableRandom random, Consumer<CityYear.GeneratedEvent> sink);
}
