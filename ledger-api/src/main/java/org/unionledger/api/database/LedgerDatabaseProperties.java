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
     */
    public record Embedded(@DefaultValue("data/postgres") Path dataDir, @DefaultValue("false") boolean cleanOnStart,
                           @DefaultValue("0") int port) {
    }
}
