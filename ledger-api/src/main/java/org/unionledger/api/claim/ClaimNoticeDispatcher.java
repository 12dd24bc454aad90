package org.unionledger.api.claim;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.unionledger.projections.claim.ClaimNotificationProjection;
import org.unionledger.projections.claim.ClaimQueries.UnsentNotice;

/**
 * Sends unsent member notices from the outbox and marks them sent; a notice that fails stays unsent
 * and is tried again on the next run. At most {@link #BATCH_MAX} notices per run.
 */
class ClaimNoticeDispatcher {

    static final int BATCH_MAX = 200;
    private static final Logger log = LoggerFactory.getLogger(ClaimNoticeDispatcher.class);

    private final ClaimNotificationProjection outbox;
    private final NotificationSender sender;

    ClaimNoticeDispatcher(ClaimNotificationProjection outbox, NotificationSender sender) {
        this.outbox = outbox;
        this.sender = sender;
    }

    @Scheduled(fixedDelayString = "${ledger.claims.notice-dispatch-delay-ms:2000}")
    int dispatch() {
        int sent = 0;
        for (UnsentNotice notice : outbox.unsent(BATCH_MAX)) {
            try {
                sender.send(notice);
                outbox.markSent(notice.id(), Instant.now());
                sent++;
            } catch (RuntimeException failure) {
                log.warn("Member notice {} not sent: {}", notice.id(), failure.getMessage());
            }
        }
        return sent;
    }
}
