package org.unionledger.api.database;

import java.io.IOException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One pooled DataSource for the event store, token store and read models: the embedded
 * PostgreSQL by default, or LEDGER_DB_URL when set. A pool is not optional: without it every
 * command would open a new PostgreSQL backend.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final int MINIMUM_IDLE = 8;

    @Bean(destroyMethod = "close")
    EmbeddedPostgresHolder embeddedPostgres(LedgerDatabaseProperties properties) throws IOException {
        if (!properties.isEmbedded()) {
            return new EmbeddedPostgresHolder(null);
        }
        return new EmbeddedPostgresHolder(EmbeddedPostgresServer.start(properties.embedded()));
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(LedgerDatabaseProperties properties, EmbeddedPostgresHolder embedded) {
        HikariConfig config = new HikariConfig();
        if (properties.isEmbedded()) {
            config.setJdbcUrl(embedded.server().jdbcUrl());
            config.setUsername("postgres");
            config.setPassword("postgres");
        } else {
            config.setJdbcUrl(properties.url());
            config.setUsername(properties.user());
            config.setPassword(properties.password());
        }
        config.setPoolName("ledger");
        // A JDBC batch of inserts goes to PostgreSQL as multi-row INSERTs, not one execution per row:
        // Axon's event append and the projections' batched writes (docs/PERFORMANCE.md, setting 29).
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.setMaximumPoolSize(properties.poolSizeMax());
        // Idle pools stay small (tests keep several application contexts open on one server).
        config.setMinimumIdle(Math.min(MINIMUM_IDLE, properties.poolSizeMax()));
        config.setConnectionTimeout(10_000);
        config.setValidationTimeout(3_000);
        return new HikariDataSource(config);
    }

    /** Lets the DataSource depend on the embedded server's lifecycle: closed after the pool. */
    record EmbeddedPostgresHolder(EmbeddedPostgresServer server) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            if (server != null) {
                server.close();
            }
        }
    }
}
