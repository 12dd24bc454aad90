package org.unionledger.api.bench;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/** Bulk-loads a generated city-year into Axon's event table with PostgreSQL's COPY, in one transaction. */
final class CityYearLoad {

    /** A fund every city-year opens first: if it exists, a city-year was loaded into this database. */
    static final String FIRST_FUND = "city-general";

    private CityYearLoad() {
    }

    static boolean isLoaded(JdbcTemplate jdbc) {
        Long events = jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Long.class, FIRST_FUND);
        return events != null && events > 0;
    }

    /** Generates the year with its parts straight into the event table; answers the events of each part. */
    static Map<String, Long> copy(DataSource dataSource, EventStoreRows rows, CityYear year, List<CityYearPart> parts)
            throws SQLException {
        try (EventStoreRows.Copy copy = new EventStoreRows.Copy(dataSource, "domainevententry")) {
            return year.generate(parts, event -> {
                try {
                    copy.add(rows.row(event));
                } catch (SQLException failed) {
                    throw new IllegalStateException(failed);
                }
            });
        }
    }
}
