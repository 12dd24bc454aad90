package org.unionledger.core.claim;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.unionledger.core.claim.ClaimCommands.RegisterClaimKey;
import org.unionledger.core.claim.ClaimEvents.ClaimKeyRegistered;
import org.unionledger.core.rule.BusinessRuleViolation;

/**
 * Something that may be claimed once, across all pools: a settlement invoice ("invoice:" + normalised
 * number, {@link ClaimIds#invoiceKey}) or a birth ("birth:" + member + ":" + date,
 * {@link ClaimIds#birthKey}). Created in the same transaction as the claim; creating the same key
 * again is refused by the event store's unique (aggregate id, sequence) key, which the API reports as
 * INVOICE_MUST_NOT_BE_CLAIMED_TWICE or ONE_MATERNITY_BENEFIT_PER_BIRTH, and nothing is stored.
 */
public class ClaimKeyRegistration {

    @AggregateIdentifier
    private String key;

    protected ClaimKeyRegistration() {
    }

    @CommandHandler
    public ClaimKeyRegistration(RegisterClaimKey command) {
        BusinessRuleViolation.require(command.key() != null
                && (command.key().startsWith("invoice:") || command.key().startsWith("birth:")),
                "CLAIM_KEY_MUST_BE_DERIVED", "a claim key is an invoice or birth key");
        ClaimIds.requireValidClaimId(command.claimId());
        apply(new ClaimKeyRegistered(command.key(), command.claimId()));
    }

    @EventSourcingHandler
    void on(ClaimKeyRegistered event) {
        key = event.key();
    }
}
