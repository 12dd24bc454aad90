package org.unionledger.api.axon;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.unionledger.core.fund.Fund;
import org.unionledger.core.fund.FundEvents.ContributionRecorded;
import org.unionledger.core.fund.FundEvents.FundOpened;
import org.unionledger.core.fund.FundEvents.FundsReserved;
import org.unionledger.core.fund.FundEvents.ReservationDisbursed;
import org.unionledger.core.fund.FundType;
import org.unionledger.core.fund.PayerType;
import org.unionledger.core.fund.ReservationPurpose;

/** Hot funds load from snapshots: a snapshot must rebuild the fund exactly, through Axon's mapper. */
class FundSnapshotTest {

    private final ObjectMapper axonMapper = new AxonConfiguration().defaultAxonObjectMapper();
    private final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(axonMapper).build();
    private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
    private final EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(storage).build();

    @Test
    void snapshotOfAFundWithReservationsReadsBackTheSame() throws Exception {
        List<Object> history = List.of(
                new FundOpened("f-1", "city", "City pool", FundType.MUTUAL_AID_POOL),
                new ContributionRecorded("f-1", "city", "c-1", 10_000, PayerType.MEMBER, "online",
                        LocalDate.of(2019, 1, 2), null, null),
                new FundsReserved("f-1", "city", "r-1", 3_000, anyPurpose(), "claim-1"),
                new FundsReserved("f-1", "city", "r-2", 2_000, anyPurpose(), "claim-2"),
                new ReservationDisbursed("f-1", "city", "r-2", 2_000, anyPurpose(), "claim-2", "bank-9",
                        LocalDate.of(2019, 1, 5)));
        for (int sequence = 0; sequence < history.size(); sequence++) {
            eventStore.publish(new GenericDomainEventMessage<>("Fund", "f-1", sequence, history.get(sequence)));
        }

        new LedgerSnapshotter(AggregateSnapshotter.builder().eventStore(eventStore)).scheduleSnapshot(Fund.class,
                "f-1");
        DomainEventMessage<?> snapshot = storage.readSnapshot("f-1").orElseThrow();
        SerializedObject<byte[]> written = serializer.serialize(snapshot.getPayload(), byte[].class);
        Object readBack = serializer.deserialize(written);

        assertThat(snapshot.getSequenceNumber(), equalTo(4L));
        assertThat(readBack, instanceOf(Fund.class));
        JsonNode state = axonMapper.readTree(written.getData());
        assertThat(axonMapper.readTree(serializer.serialize(readBack, byte[].class).getData()), equalTo(state));
        assertThat(state.at("/account/inFen").asLong(), equalTo(10_000L));
        assertThat(state.at("/account/outFen").asLong(), equalTo(2_000L));
        assertThat(state.at("/account/reservedFen").asLong(), equalTo(3_000L));
        assertThat(state.at("/account/reservationsFen/r-1").asLong(), equalTo(3_000L));
        assertThat(state.at("/reservations/r-2/status").asText(), equalTo("DISBURSED"));
        assertThat(state.at("/reservations/r-1/status").asText(), equalTo("HELD"));
    }

    private static ReservationPurpose anyPurpose() {
        return ReservationPurpose.values()[0];
    }
}
