package org.unionledger.api.claim;

import org.unionledger.projections.claim.ClaimQueries.UnsentNotice;

/**
 * Where an SMS gateway adapter goes: it would look the member's phone up in the member directory and
 * call the gateway. No gateway is configured, so it refuses every notice (they stay unsent) rather
 * than pretend. Selected with ledger.claims.notice-sender=sms.
 */
class SmsGatewayNotificationSenderNotConfigured implements NotificationSender {

    @Override
    public void send(UnsentNotice notice) {
        throw new UnsupportedOperationException("no SMS gateway is configured; notice " + notice.id() + " not sent");
    }
}
