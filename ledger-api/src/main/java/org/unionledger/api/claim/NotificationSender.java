package org.unionledger.api.claim;

import org.unionledger.projections.claim.ClaimQueries.UnsentNotice;

/** Sends a member notice (SMS, app push, ...). Throws if it was not sent, so the notice stays unsent. */
public interface NotificationSender {

    void send(UnsentNotice notice);
}
