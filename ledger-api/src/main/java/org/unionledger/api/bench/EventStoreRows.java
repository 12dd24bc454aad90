package org.unionledger.api.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.unionledger.core.metadata.LedgerMetadata;

/**
 * Rows of Axon's event table written without Axon, in the ledger's exact format: the payload and
 * metadata serialized by the ledger's own event serializer, the type names and revisions it
 * stores, ISO-8601 timestamps. Used to bulk-load history (COPY) and as the raw side of P1.
 */
final class EventStoreRows {

    static final String COLUMNS = "aggregateidentifier, sequencenumber, type, eventidentifier, metadata, payload, "
            + "payloadrevision, payloadtype, timestamp";
    private static final int COPY_FLUSH_BYTES = 1 << 20;

    private final Serializer serializer;

    EventStoreRows(Serializer serializer) {
        this.serializer = serializer;
    }

    /** One serialized event, as the ledger would append it on behalf of a finance officer. */
    Row row(String aggregateType, String aggregateId, long sequence, Object payload) {
        return row(aggregateType, aggregateId, sequence, payload, CityYear.Actor.FINANCE, null);
    }

    /**
     * One serialized event caused by {@code actor}; events of one {@code step} (one command or
     * request) share its correlation id, as events stored by one request do.
     */
    Row row(String aggregateType, String aggregateId, long sequence, Object payload, CityYear.Actor actor,
            String step) {
        String eventId = UUID.randomUUID().toString();
        String correlationId = step == null ? eventId : step;
        MetaData metaData = MetaData.from(Map.of(
                LedgerMetadata.PRINCIPAL, actor.principal(),
                LedgerMetadata.ROLES, actor.roles(),
                LedgerMetadata.ORG_ID, actor.orgId(),
                LedgerMetadata.CORRELATION_ID, correlationId,
                LedgerMetadata.CAUSATION_ID, correlationId,
                LedgerMetadata.IDEMPOTENCY_KEY, "Bench:" + aggregateId + ":" + sequence));
        SerializedObject<byte[]> serializedPayload = serializer.serialize(payload, byte[].class);
        SerializedObject<byte[]> serializedMetaData = serializer.serialize(metaData, byte[].class);
        return new Row(aggregateId, sequence, aggregateType, eventId, serializedMetaData.getData(),
                serializedPayload.getData(), serializedPayload.getType().getRevision(),
                serializedPayload.getType().getName(), DateTimeFormatter.ISO_INSTANT.format(Instant.now()));
    }

    Row row(CityYear.GeneratedEvent event) {
        return row(event.aggregateType(), event.aggregateId(), event.sequence(), event.payload(), event.actor(),
                event.step());
    }

    /** Appends one row in its own statement (the caller decides the transaction). */
    static void insert(Connection connection, String table, Row row) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(insert, row);
            insert.executeUpdate();
        }
    }

    static void bind(PreparedStatement statement, Row row) throws SQLException {
        statement.setString(1, row.aggregateId());
        statement.setLong(2, row.sequence());
        statement.setString(3, row.type());
        statement.setString(4, row.eventId());
        statement.setBytes(5, row.metaData());
        statement.setBytes(6, row.payload());
        statement.setString(7, row.payloadRevision());
        statement.setString(8, row.payloadType());
        statement.setString(9, row.timestamp());
    }

    /** Streams rows into a table with PostgreSQL's COPY, in one transaction. */
    static final class Copy implements AutoCloseable {

        private final Connection connection;
        private final CopyIn copy;
        private final StringBuilder buffer = new StringBuilder();
        private long rows;

        Copy(DataSource dataSource, String table) throws SQLException {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            copy = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + table + " (" + COLUMNS + ") FROM STDIN");
        }

        void add(Row row) throws SQLException {
            buffer.append(text(row.aggregateId())).append('\t').append(row.sequence()).append('\t')
                    .append(text(row.type())).append('\t').append(text(row.eventId())).append('\t')
                    .append(bytes(row.metaData())).append('\t').append(bytes(row.payload())).append('\t')
                    .append(text(row.payloadRevision())).append('\t').append(text(row.payloadType())).append('\t')
                    .append(text(row.timestamp())).append('\n');
            rows++;
            if (buffer.length() >= COPY_FLUSH_BYTES) {
                flush();
            }
        }

        long rows() {
            return rows;
        }

        private void flush() throws SQLException {
            byte[] chunk = buffer.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(chunk, 0, chunk.length);
            buffer.setLength(0);
        }

        /** Ends the COPY and commits. */
        @Override
        public void close() throws SQLException {
            try {
                flush();
                copy.endCopy();
                connection.commit();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
                connection.close();
            }
        }

        private static String bytes(byte[] value) {
            return value == null ? "\\N" : "\\\\x" + HexFormat.of().formatHex(value);
        }

        private static String text(String value) {
            if (value == null) {
                return "\\N";
            }
            return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
        }
    }

    record Row(String aggregateId, long sequence, String type, String eventId, byte[] metaData, byte[] payload,
               String payloadRevision, String payloadType, String timestamp) {
    }
}
