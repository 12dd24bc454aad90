package org.unionledger.api.database;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the ledger keeps its events and read models. With no {@code url} the ledger starts its own
 * PostgreSQL (embedded, real binaries) with data kept in {@code embedded.dataDir}.
 *
 * @param url          JDBC URL of an external PostgreSQL (LEDGER_DB_URL); empty for embedded
 * @param user         user for the external database (LEDGER_DB_USER)
 * @param password     password for the external database (LEDGER_DB_PASSWORD)
 * @param poolSizeMax  connections in the pool at most (event processors hold one for each batch; the
 *                     portal's queries must not wait behind them: docs/PERFORMANCE.md, setting 13)
 * @param embedded     settings of the embedded PostgreSQL
 */
@ConfigurationProperties("ledger.db")
public record LedgerDatabaseProperties(@DefaultValue("") String url, @DefaultValue("postgres") String user,
                                       @DefaultValue("") String password, @DefaultValue("32") int poolSizeMax,
                                       @DefaultValue Embedded embedded) {

    public boolean isEmbedded() {
        return url == null || url.isBlank();
    }

    /**
     * @param dataDir         data folder of the embedded PostgreSQL (LEDGER_DATA_DIR); kept between runs
     * @param cleanOnStart    wipe the folder at start (tests only)
     * @param port            fixed port, or 0 to pick a free one
     * @param sharedBuffers   PostgreSQL's buffer cache (LEDGER_DB_SHARED_BUFFERS): with PostgreSQL's
     *                        own 128MB, a replay of the projections wrote and read back every page
     *                        it evicted (docs/PERFORMANCE.md, setting 68)
     */
    public record Embedded(@DefaultValue("data/postgres") Path dataDir, @DefaultValue("false") boolean cleanOnStart,
                           @DefaultValue("0") int port, @DefaultValue(SHARED_BUFFERS) String sharedBuffers) {

        public static final String SHARED_BUFFERS = "1GB";

        /**
         * The embedded PostgreSQL in {@code dataDir} outside Spring (the bench, the verify tools),
         * with the buffer cache of LEDGER_DB_SHARED_BUFFERS as the ledger would have it.
         */
        public static Embedded in(Path dataDir, boolean cleanOnStart) {
            return new Embedded(dataDir, cleanOnStart, 0,
                    System.getenv().getOrDefault("LEDGER_DB_SHARED_BUFFERS", SHARED_BUFFERS));
        }
    }
}
