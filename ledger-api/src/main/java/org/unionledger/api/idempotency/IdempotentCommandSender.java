package org.unionledger.api.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.MapperFeature;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;
import org.unionledger.core.metadata.LedgerMetadata;
import org.unionledger.core.rule.BusinessRuleViolation;
import org.unionledger.api.security.Actor;
import org.unionledger.api.security.CurrentActor;

/**
 * Sends commands on behalf of the signed-in actor, with the metadata every event must carry.
 * Money commands carry a client-chosen id: the first request with it is executed; the same id
 * with the same body is answered with the first result and executes nothing; the same id with
 * another body is refused ({@link IdempotencyKeyReused}).
 */
@Component
public class IdempotentCommandSender {

    /** Canonical JSON: sorted keys, so the same request always hashes the same. */
    private static final ObjectMapper CANONICAL = JsonMapper.builder().findAndAddModules()
            .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
            .build();

    private final CommandGateway commands;
    private final IdempotencyStore store;

    public IdempotentCommandSender(CommandGateway commands, IdempotencyStore store) {
        this.commands = commands;
        this.store = store;
    }

    /**
     * Executes {@code command} once per {@code key}. A retry runs the command again, and its
     * transaction rolls back when it records the key that the first execution recorded; the retry
     * is then answered from that record.
     *
     * @param key     the idempotency key: the command's kind and the client-chosen id
     * @param request what the client asked for, hashed to tell a retry from a reuse of the id
     */
    public Outcome send(Object command, String key, Object request) {
        String sha = sha256(canonicalJson(request));
        // No look-up first: the key's unique index, written in the command's own transaction, is what
        // keeps a retry from executing twice (its transaction rolls back, and the answer is the first
        // execution's). A look-up before every command cost every first attempt a round trip to spare
        // the rare retry some work (docs/PERFORMANCE.md, setting 44).
        Actor actor = CurrentActor.get();
        Map<String, Object> metadata = new java.util.HashMap<>(actor.asMetadata());
        metadata.put(LedgerMetadata.IDEMPOTENCY_KEY, key);
        metadata.put(LedgerMetadata.REQUEST_SHA256, sha);
        CorrelationIds.current().ifPresent(id -> metadata.put(LedgerMetadata.CORRELATION_ID, id));
        try {
            return new Outcome(false, IdempotencyInterceptor.afterSenderCheck(key,
                    () -> sendOnFreshStateIfRefused(command, metadata)));
        } catch (RuntimeException failure) {
            if (causedByConcurrentDuplicate(failure)) {
                return replay(key, sha).orElseThrow(() -> failure);
            }
            Optional<Outcome> committedMeanwhile = replay(key, sha);
            if (committedMeanwhile.isPresent()) {
                return committedMeanwhile.get();
            }
            throw failure;
        }
    }

    /**
     * With several nodes on one database, a node's cached aggregate can be behind the event store,
     * and a rule checked against it can refuse what the stored state allows (the same command that
     * another node just executed, money that another node just received). Axon drops the cached
     * aggregate when a command fails, so one more attempt decides on the stored state.
     */
    private Object sendOnFreshStateIfRefused(Object command, Map<String, Object> metadata) {
        try {
            return commands.sendAndWait(
                    GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(metadata)));
        } catch (BusinessRuleViolation refused) {
            return commands.sendAndWait(
                    GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(metadata)));
        }
    }

    /** Sends a command that moves no money and needs no idempotency key. */
    public Object sendPlain(Object command) {
        Map<String, Object> metadata = new java.util.HashMap<>(CurrentActor.get().asMetadata());
        CorrelationIds.current().ifPresent(id -> metadata.put(LedgerMetadata.CORRELATION_ID, id));
        return commands.sendAndWait(
                GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(metadata)));
    }

    private Optional<Outcome> replay(String key, String sha) {
        return store.find(key).map(recorded -> {
            if (!recorded.requestSha256().equals(sha)) {
                throw new IdempotencyKeyReused(key);
            }
            return new Outcome(true, recorded.resultJson());
        });
    }

    private static boolean causedByConcurrentDuplicate(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CommandAlreadyRecorded) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    public static String canonicalJson(Object request) {
        try {
            return CANONICAL.writeValueAsString(request);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("request cannot be written as JSON", impossible);
        }
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * What came of a command.
     *
     * @param replayed true when this was a retry answered from the first execution
     * @param result   the handler's result (first execution) or its recorded JSON (replay)
     */
    public record Outcome(boolean replayed, Object result) {
    }
}
