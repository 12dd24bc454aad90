package org.unionledger.core.metadata;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.unionledger.core.rule.BusinessRuleViolation;

/**
 * Commands sent by a process manager (policy) in reaction to an event: they carry who started
 * the flow and its correlation id, the policy's name, the triggering event as causation, and an
 * idempotency key, so a redelivered event changes nothing.
 */
public final class PolicyMessages {

    /** Metadata key naming the policy that sent a command. */
    public static final String POLICY = "policy";

    private PolicyMessages() {
    }

    public static <C> CommandMessage<C> caused(C command, String idempotencyKey, EventMessage<?> cause, String policy) {
        Map<String, Object> metadata = new HashMap<>();
        for (String key : new String[] {LedgerMetadata.PRINCIPAL, LedgerMetadata.ROLES, LedgerMetadata.ORG_ID}) {
            Object value = cause == null ? null : cause.getMetaData().get(key);
            if (value != null) {
                metadata.put(key, value);
            }
        }
        metadata.putIfAbsent(LedgerMetadata.PRINCIPAL, "system");
        Object correlation = cause == null ? null : cause.getMetaData().get(LedgerMetadata.CORRELATION_ID);
        if (correlation != null) {
            metadata.put(LedgerMetadata.CORRELATION_ID, correlation);
        }
        if (cause != null) {
            metadata.put(LedgerMetadata.CAUSATION_ID, cause.getIdentifier());
        }
        metadata.put(LedgerMetadata.IDEMPOTENCY_KEY, idempotencyKey);
        metadata.put(POLICY, policy);
        return GenericCommandMessage.<C>asCommandMessage(command).andMetaData(MetaData.from(metadata));
    }

    /**
     * The rule that refused a command, if the failure is a refusal (a broken business rule or an
     * unknown target). Any other failure is not a decision and should be retried.
     */
    public static Optional<String> refusalCode(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BusinessRuleViolation violation) {
                return Optional.of(violation.code());
            }
            if (cause instanceof AggregateNotFoundException) {
                return Optional.of("TARGET_MUST_EXIST");
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }
}
