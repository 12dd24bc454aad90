package org.unionledger.projections.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A real, migrated PostgreSQL for projection tests: the server named by LEDGER_DB_URL, or else one
 * embedded PostgreSQL per test JVM. Tests share it, so each uses ids of its own.
 */
public final class TestDatabase {

    private static DataSource dataSource;
    private static String jdbcUrl;
    private static String user;
    private static String password;

    private TestDatabase() {
    }

    public static synchronized DataSource dataSource() {
        if (dataSource == null) {
            dataSource = start();
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").outOfOrder(true).load()
                    .migrate();
        }
        return dataSource;
    }

    public static DSLContext dsl() {
        return DSL.using(dataSource(), SQLDialect.POSTGRES);
    }

    /**
     * A DSLContext wired as Spring Boot wires jOOQ: inside a {@link #processorBatches()} transaction
     * its statements use the transaction's connection, and BatchedWrites queues them until the commit.
     */
    public static DSLContext transactionalDsl() {
        return DSL.using(new DefaultConfiguration().set(SQLDialect.POSTGRES)
                .set(new DataSourceConnectionProvider(new TransactionAwareDataSourceProxy(dataSource()))));
    }

    /** Transactions like an event processor's, one per batch of events. */
    public static TransactionTemplate processorBatches() {
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource()));
    }

    private static DataSource start() {
        String url = System.getenv("LEDGER_DB_URL");
        if (url != null && !url.isBlank()) {
            jdbcUrl = url;
            user = envOr("LEDGER_DB_USER", "postgres");
            password = envOr("LEDGER_DB_PASSWORD", "");
            return connectTo(null);
        }
        try {
            Path dir = Files.createTempDirectory("projections-test-pg");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("data"))
                    .setCleanDataDirectory(true).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // The JVM is exiting; the temporary folder goes with it.
                }
            }));
            jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
            user = "postgres";
            password = "postgres";
            return connectTo(null);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start embedded PostgreSQL", e);
        }
    }

    /**
     * A fresh schema of its own, migrated, for tests that damage what they write (the hash chain's
     * tampering tests): nothing they do can reach the shared tables. Drop it with {@link #dropSchema}.
     */
    public static DataSource scratchSchema(String schema) {
        dataSource();
        Flyway.configure().dataSource(dataSource).schemas(schema).defaultSchema(schema).createSchemas(true)
                .locations("classpath:db/migration").outOfOrder(true).load().migrate();
        return connectTo(schema);
    }

    public static void dropSchema(String schema) {
        dsl().execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
    }

    private static PGSimpleDataSource connectTo(String schema) {
        PGSimpleDataSource connection = new PGSimpleDataSource();
        connection.setUrl(jdbcUrl);
        connection.setUser(user);
        connection.setPassword(password);
        if (schema != null) {
            connection.setCurrentSchema(schema);
        }
        return connection;
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
