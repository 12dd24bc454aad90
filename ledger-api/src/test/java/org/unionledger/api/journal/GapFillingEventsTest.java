package org.unionledger.api.journal;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.unionledger.api.support.ApiTest;
import org.unionledger.api.support.LedgerHttp;
import org.unionledger.core.fund.FundEvents.ContributionRecorded;
import org.unionledger.core.fund.PayerType;
import org.unionledger.core.metadata.LedgerMetadata;
import org.unionledger.core.org.OrgEvents.OrganisationRegistered;
import org.unionledger.core.org.OrgLevel;
import org.unionledger.projections.support.LedgerJdbcEventStorageEngine;
import org.unionledger.projections.support.ProjectionGroups;

/**
 * An event that commits after a later one fills a gap in the processors' tokens. The projections
 * record its own global index, also in a processor that skipped the later event (the journal takes
 * only money events, yet a skipped event moves its token): a replay then writes the same rows.
 */
@ApiTest
class GapFillingEventsTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    @Qualifier("eventSerializer")
    Serializer serializer;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    EventStorageEngine engine;

    @Test
    void theLedgerReadsEventsThroughTheRecordingEventStore() {
        assertThat(engine, instanceOf(LedgerJdbcEventStorageEngine.class));
    }

    @Test
    void aMoneyEventThatFillsAGapAfterAnEventTheJournalSkippedKeepsItsOwnIndex() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String fundId = "gap-" + run;
        String orgId = "org-" + run;
        LedgerHttp finance = LedgerHttp.at(port).as("finance");
        assertThat(finance.post("/funds", Map.of("fundId", fundId, "orgId", orgId, "name", "Gap fund",
                "fundType", "GENERAL")).status(), equalTo(201));
        assertThat(finance.post("/funds/" + fundId + "/contributions", Map.of("contributionId", "c-1",
                "amountFen", 100, "payerType", "MEMBER", "channel", "bank",
                "effectiveDate", LocalDate.now().toString())).status(), equalTo(201));
        await().atMost(Duration.ofSeconds(30)).until(() -> entriesFor(fundId, "c-1").size() == 1);

        // Two positions, taken as two concurrent appends would take them.
        long early = nextGlobalIndex();
        long late = nextGlobalIndex();
        // The later one commits first: an event the journal does not take.
        insert(late, "Organisation", "gap-org-" + run, 0,
                new OrganisationRegistered("gap-org-" + run, "Gap federation", OrgLevel.CITY_FEDERATION, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> positionOf(ProjectionGroups.JOURNAL) >= late);

        // Then the earlier one: money, which fills the gap in the journal's token.
        insert(early, "Fund", fundId, 2, new ContributionRecorded(fundId, orgId, "c-2", 250, PayerType.MEMBER,
                "bank", LocalDate.now(), null, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> entriesFor(fundId, "c-2").size() == 1);

        assertThat("journal entry", entriesFor(fundId, "c-2"), equalTo(List.of(early)));
        await().atMost(Duration.ofSeconds(30)).until(() -> contributionIndex(fundId, "c-2") != null);
        assertThat("contribution", contributionIndex(fundId, "c-2"), equalTo(early));
    }

    /**
     * Appends that rolled back leave a hole in the global index (an import batch of 500 events, say).
     * A hole wider than the event store's read batch (100) must not stop the processors: the store
     * asks for the next index past it (LedgerJdbcEventStorageEngine).
     */
    @Test
    void aHoleWiderThanAReadBatchDoesNotStopTheProjections() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String fundId = "hole-" + run;
        LedgerHttp finance = LedgerHttp.at(port).as("finance");
        assertThat(finance.post("/funds", Map.of("fundId", fundId, "orgId", "org-" + run, "name", "Hole fund",
                "fundType", "GENERAL")).status(), equalTo(201));
        for (int hole = 1; hole <= 3; hole++) {
            jdbc.queryForObject("SELECT setval('domainevententry_globalindex_seq', "
                    + "nextval('domainevententry_globalindex_seq') + 450)", Long.class);
            String contributionId = "c-" + hole;
            assertThat(finance.post("/funds/" + fundId + "/contributions", Map.of("contributionId", contributionId,
                    "amountFen", 100, "payerType", "MEMBER", "channel", "bank",
                    "effectiveDate", LocalDate.now().toString())).status(), equalTo(201));
            await().atMost(Duration.ofSeconds(10)).until(() -> entriesFor(fundId, contributionId).size() == 1
                    && contributionIndex(fundId, contributionId) != null);
        }
    }

    /**
     * A processor that catches up (or replays after a reset) reads on its own until the store has
     * nothing more, also past a short batch: when its stream ends, it waits for the event store's
     * producer, which on an idle store reads nothing and wakes no one. Here a hole makes the first
     * batch short; the store gets no event while the reader catches up.
     */
    @Test
    void aReaderCatchingUpOnAQuietStoreGetsToTheHeadPastAShortBatch() throws InterruptedException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String fundId = "quiet-" + run;
        LedgerHttp finance = LedgerHttp.at(port).as("finance");
        assertThat(finance.post("/funds", Map.of("fundId", fundId, "orgId", "org-" + run, "name", "Quiet fund",
                "fundType", "GENERAL")).status(), equalTo(201));
        long beforeTheHole = head();
        jdbc.queryForObject("SELECT setval('domainevententry_globalindex_seq', "
                + "nextval('domainevententry_globalindex_seq') + 50)", Long.class);
        for (int contribution = 0; head() < beforeTheHole + 200; contribution++) {
            assertThat(finance.post("/funds/" + fundId + "/contributions", Map.of("contributionId", "c-" + contribution,
                    "amountFen", 100, "payerType", "MEMBER", "channel", "bank",
                    "effectiveDate", LocalDate.now().toString())).status(), equalTo(201));
        }
        long head = head();

        // A store of its own, so its producer has read nothing yet; a first reader waits at the head.
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).build();
        try (BlockingStream<TrackedEventMessage<?>> atHead = store.openStream(
                GapAwareTrackingToken.newInstance(head, List.of()));
             BlockingStream<TrackedEventMessage<?>> behind = store.openStream(
                     GapAwareTrackingToken.newInstance(beforeTheHole - 1, List.of()))) {
            // Makes it the producer's first reader; an event a process manager appends meanwhile only
            // makes the test easier (the producer's cache would then hold something), never fail.
            atHead.hasNextAvailable(100, TimeUnit.MILLISECONDS);
            long reached = beforeTheHole - 1;
            while (reached < head && behind.hasNextAvailable(5, TimeUnit.SECONDS)) {
                reached = behind.nextAvailable().trackingToken().position().orElseThrow();
            }
            assertThat("position reached", reached, equalTo(head));
        } finally {
            store.shutDown();
        }
    }

    private long head() {
        return jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
    }

    private long nextGlobalIndex() {
        return jdbc.queryForObject("SELECT nextval('domainevententry_globalindex_seq')", Long.class);
    }

    private void insert(long globalIndex, String type, String aggregateId, long sequence, Object payload) {
        String eventId = UUID.randomUUID().toString();
        MetaData metaData = MetaData.from(Map.of(LedgerMetadata.PRINCIPAL, "finance",
                LedgerMetadata.ROLES, "FINANCE_OFFICER", LedgerMetadata.CORRELATION_ID, eventId,
                LedgerMetadata.CAUSATION_ID, eventId));
        SerializedObject<byte[]> body = serializer.serialize(payload, byte[].class);
        jdbc.update("INSERT INTO domainevententry (globalindex, aggregateidentifier, sequencenumber, type, "
                        + "eventidentifier, metadata, payload, payloadrevision, payloadtype, timestamp) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                globalIndex, aggregateId, sequence, type, eventId,
                serializer.serialize(metaData, byte[].class).getData(), body.getData(), body.getType().getRevision(),
                body.getType().getName(), DateTimeFormatter.ISO_INSTANT.format(Instant.now()));
    }

    private long positionOf(String processorName) {
        TrackingEventProcessor processor = processing.eventProcessor(processorName, TrackingEventProcessor.class)
                .orElseThrow();
        return processor.processingStatus().values().stream().map(EventTrackerStatus::getCurrentPosition)
                .mapToLong(position -> position.orElse(-1L)).min().orElse(-1L);
    }

    private List<Long> entriesFor(String fundId, String sourceId) {
        return jdbc.queryForList("SELECT global_index FROM journal_entry WHERE fund_id = ? AND source_id = ?",
                Long.class, fundId, sourceId);
    }

    private Long contributionIndex(String fundId, String contributionId) {
        return jdbc.query("SELECT global_index FROM fund_contribution WHERE fund_id = ? AND contribution_id = ?",
                rs -> rs.next() ? rs.getLong(1) : null, fundId, contributionId);
    }
}
