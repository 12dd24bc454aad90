package org.unionledger.api.claim;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.notNullValue;
import static org.unionledger.api.claim.ClaimFixtures.PROJECTION_WAIT;
import static org.unionledger.api.claim.ClaimFixtures.expect;
import static org.unionledger.api.claim.ClaimFixtures.freshId;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.unionledger.api.support.ApiTest;

/**
 * The member-notice outbox: every status change of a claim writes one notice for the member
 * (claim_notification_outbox), and the scheduled ClaimNoticeDispatcher sends it through the default
 * LoggingNotificationSender and marks it sent.
 */
@ApiTest
@ExtendWith(OutputCaptureExtension.class)
class ClaimNoticeApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    NotificationSender sender;

    private record Notice(String claimId, String status, String message, Object sentAt) {
    }

    private List<Notice> noticesOf(String memberId) {
        return jdbc.query("SELECT claim_id, status, message, sent_at FROM claim_notification_outbox "
                + "WHERE member_id = ?", (row, n) -> new Notice(row.getString(1), row.getString(2), row.getString(3),
                row.getObject(4)), memberId);
    }

    private List<String> statusesOf(String memberId) {
        return noticesOf(memberId).stream().map(Notice::status).toList();
    }

    @Test
    void submittingApprovingAndPayingEachNotifyTheMemberAndTheNoticesAreSentByTheLoggingSender(
            CapturedOutput output) {
        assertThat(sender, instanceOf(LoggingNotificationSender.class));
        ClaimFixtures claims = ClaimFixtures.aPoolOpenToday(port);
        String memberId = claims.anAccidentMember();
        claims.contribute(1_000_000);
        String claimId = freshId("c");

        expect(claims.submit(claims.finance, claims.anAccidentClaim(memberId, claimId)), 201);
        await().atMost(PROJECTION_WAIT).until(() -> statusesOf(memberId).contains("SUBMITTED"));

        expect(claims.reviewer.post("/claims/" + claimId + "/approvals", Map.of()), 201);
        await().atMost(PROJECTION_WAIT).until(() -> statusesOf(memberId).containsAll(
                List.of("APPROVED", "PAYOUT_RESERVED")));

        expect(claims.finance.post("/claims/" + claimId + "/payments", Map.of("paymentReference", "BANK-" + claimId)),
                201);
        await().atMost(PROJECTION_WAIT).until(() -> statusesOf(memberId).contains("PAID"));

        assertThat(statusesOf(memberId), containsInAnyOrder("SUBMITTED", "APPROVED", "PAYOUT_RESERVED", "PAID"));
        List<Notice> notices = noticesOf(memberId);
        assertThat(notices.stream().map(Notice::claimId).toList(), everyItem(equalTo(claimId)));
        assertThat(notices.stream().filter(n -> n.status().equals("PAID")).findFirst().orElseThrow().message(),
                containsString("3120.00"));

        await().atMost(PROJECTION_WAIT).untilAsserted(() ->
                assertThat(noticesOf(memberId).stream().map(Notice::sentAt).toList(), everyItem(notNullValue())));
        assertThat(output.getOut(), containsString("Member notice to " + memberId + " about claim " + claimId
                + " (PAID)"));
    }
}
