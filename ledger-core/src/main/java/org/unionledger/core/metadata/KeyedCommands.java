package org.unionledger.core.metadata;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;

/**
 * Commands sent by process managers (policies) with an idempotency key, so a redelivered event
 * that sends the same command again changes nothing: the ledger answers it from the first result.
 */
public final class KeyedCommands {

    private KeyedCommands() {
    }

    public static <C> CommandMessage<C> withKey(C command, String idempotencyKey) {
        return GenericCommandMessage.<C>asCommandMessage(command)
                .andMetaData(MetaData.with(LedgerMetadata.IDEMPOTENCY_KEY, idempotencyKey));
    }
}
