package org.unionledger.projections.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;

/**
 * The chain's arithmetic. {@code hash_n = SHA-256(hash_(n-1) || canonical(event_n))}, with
 * {@code hash_0} 32 zero bytes. The canonical bytes are fixed forever (docs/audit.md spells them
 * out so an outsider can recompute them in any language): each field in order, integers as 8-byte
 * big-endian, strings (UTF-8) and byte arrays as a 4-byte big-endian length then the bytes, a
 * missing value as length -1 with no bytes.
 */
public final class HashChain {

    /** The hash before the first event: 64 hex zeros. */
    public static final String GENESIS = "0".repeat(64);

    private static final HexFormat HEX = HexFormat.of();

    private HashChain() {
    }

    /** The hash that follows {@code previousHash} when {@code event} is appended. */
    public static String next(String previousHash, StoredEvent event) {
        MessageDigest sha256 = sha256();
        sha256.update(HEX.parseHex(previousHash));
        sha256.update(canonicalBytes(event));
        return HEX.formatHex(sha256.digest());
    }

    /**
     * global index, aggregate type, aggregate id, sequence number, event id, payload type, payload
     * revision, timestamp (as stored), payload, metadata.
     */
    public static byte[] canonicalBytes(StoredEvent event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + length(event.payload())
                + length(event.metaData()));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(event.globalIndex());
            writeText(out, event.aggregateType());
            writeText(out, event.aggregateIdentifier());
            out.writeLong(event.sequenceNumber());
            writeText(out, event.eventIdentifier());
            writeText(out, event.payloadType());
            writeText(out, event.payloadRevision());
            writeText(out, event.timeStamp());
            writeBytes(out, event.payload());
            writeBytes(out, event.metaData());
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    /** The event's time as Axon stored it (ISO-8601), or the epoch if a row holds something else. */
    static Instant eventTime(StoredEvent event) {
        try {
            return Instant.parse(event.timeStamp());
        } catch (DateTimeParseException | NullPointerException unreadable) {
            return Instant.EPOCH;
        }
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        writeBytes(out, text == null ? null : text.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(value.length);
        out.write(value);
    }

    private static int length(byte[] value) {
        return value == null ? 0 : value.length;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
