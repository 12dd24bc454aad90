package org.unionledger.api.bench;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.axonframework.serialization.Serializer;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The smoke test's tiny city-year (every part the ledger declares), COPY-loaded once into the
 * database the tests of one JVM share, as scripts/bench loads the full one.
 */
final class TinyCityYear {

    static final long SEED = 20180701L;

    private TinyCityYear() {
    }

    static CityYear year() {
        return new CityYear(SEED, BenchSizes.tiny().cityYearScale());
    }

    static List<CityYearPart> parts(ApplicationContext app) {
        return new ArrayList<>(app.getBeansOfType(CityYearPart.class).values());
    }

    /** Loads {@code year} with {@code parts} unless a city-year is in the database already. */
    static void loadOnce(ApplicationContext app, CityYear year, List<CityYearPart> parts) throws Exception {
        if (!CityYearLoad.isLoaded(app.getBean(JdbcTemplate.class))) {
            CityYearLoad.copy(app.getBean(DataSource.class),
                    new EventStoreRows(app.getBean("eventSerializer", Serializer.class)), year, parts);
        }
    }
}
