package org.unionledger.api.claim;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionledger.projections.claim.ClaimQueries.UnsentNotice;

/** The default sender: writes the notice to the log (member id only; the phone number stays in the directory). */
class LoggingNotificationSender implements NotificationSender {

    private static final Logger log = LoggerFactory.getLogger(LoggingNotificationSender.class);

    @Override
    public void send(UnsentNotice notice) {
        log.info("Member notice to {} about claim {} ({}): {}", notice.memberId(), notice.claimId(), notice.status(),
                notice.message());
    }
}
