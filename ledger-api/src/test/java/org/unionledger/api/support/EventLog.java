package org.unionledger.api.support;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the Axon event store directly, to prove what was (not) written. */
@Component
public class EventLog {

    private final JdbcTemplate jdbc;

    public EventLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long total() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
    }

    /** Events of every aggregate whose id contains the fragment (e.g. a test's unique fund id). */
    public long countMentioning(String aggregateIdFragment) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE strpos(aggregateidentifier, ?) > 0",
                Long.class, aggregateIdFragment);
    }

    public long countFor(String aggregateId) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?", Long.class,
                aggregateId);
    }

    public String lastMetadataOf(String aggregateId) {
        return jdbc.queryForObject("SELECT convert_from(metadata, 'UTF8') FROM domainevententry "
                + "WHERE aggregateidentifier = ? ORDER BY sequencenumber DESC LIMIT 1", String.class, aggregateId);
    }
}
