package org.unionledger.api.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unionledger.api.audit.PayoutTrace.Decision;
import org.unionledger.api.audit.PayoutTrace.Document;
import org.unionledger.api.audit.PayoutTrace.FundingSource;
import org.unionledger.api.audit.PayoutTrace.TracedEvent;
import org.unionledger.api.audit.PayoutTrace.Who;
import org.unionledger.core.fund.FundEvents.ContributionRecorded;
import org.unionledger.core.fund.FundEvents.FundOpened;
import org.unionledger.core.fund.FundEvents.FundsReserved;
import org.unionledger.core.fund.FundEvents.PaymentReturned;
import org.unionledger.core.fund.FundEvents.ReservationDisbursed;
import org.unionledger.core.fund.FundEvents.ReservationReleased;
import org.unionledger.core.metadata.LedgerMetadata;

/**
 * Builds a payout's trace straight from the event store (the source of truth, not a projection)
 * and the hash chain. Read-only, in one read-only transaction.
 */
@Service
public class PayoutTraceService {

    /**
     * FIFO per fund. Stated in every trace so an auditor knows how to read the funding section.
     */
    static final String LINEAGE_RULE = "FIFO per fund: the fund's inflows (ContributionRecorded, and allocations "
            + "received once they exist) form a queue in global order; each reservation takes the oldest money not "
            + "yet taken; money coming back (a released reservation, a returned payment) rejoins the end of the "
            + "queue with its original sources. The payout is funded by the slices its FundsReserved event took.";

    /** Events of a fund that bring money in, by simple type name. Add allocation-in events here. */
    static final Set<String> INFLOW_TYPES = Set.of(ContributionRecorded.class.getSimpleName(),
            "AllocationReceived", "FundsAllocatedIn");

    /** Events per section at most: a trace is for people to read. */
    static final int EVENTS_PER_SECTION_MAX = 500;

    private static final List<String> PAYOUT_TYPES = List.of(FundsReserved.class.getName(),
            ReservationDisbursed.class.getName(), ReservationReleased.class.getName(), PaymentReturned.class.getName());
    private static final String EVENT_COLUMNS = "e.globalindex, e.aggregateidentifier, e.sequencenumber, "
            + "e.eventidentifier, e.payloadtype, e.timestamp, e.payload, e.metadata, c.chain_position, c.hash";
    private static final String FROM_EVENTS = " FROM domainevententry e "
            + "LEFT JOIN event_hash_chain c ON c.global_index = e.globalindex ";

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();
    private final ObjectProvider<BankStatementLines> bankStatementLines;

    PayoutTraceService(JdbcTemplate jdbc, ObjectProvider<BankStatementLines> bankStatementLines) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
        this.bankStatementLines = bankStatementLines;
    }

    /** The trace of a reservation, or empty when no fund holds one with this id. */
    @Transactional(readOnly = true)
    public Optional<PayoutTrace> trace(String reservationId) {
        List<TracedEvent> payoutEvents = events("WHERE e.payloadtype IN (:types) AND "
                + "convert_from(e.payload, 'UTF8')::jsonb ->> 'reservationId' = :reservationId",
                new MapSqlParameterSource("types", PAYOUT_TYPES).addValue("reservationId", reservationId));
        if (payoutEvents.isEmpty()) {
            return Optional.empty();
        }
        TracedEvent reserved = payoutEvents.get(0);
        JsonNode first = reserved.payload();
        String fundId = reserved.aggregateId();
        String reference = text(first, "reference");
        String status = "HELD";
        String paymentReference = null;
        String paidOn = null;
        for (TracedEvent event : payoutEvents) {
            switch (event.eventType()) {
                case "ReservationDisbursed" -> {
                    status = "DISBURSED";
                    paymentReference = text(event.payload(), "paymentReference");
                    paidOn = text(event.payload(), "paidOn");
                }
                case "ReservationReleased" -> status = "RELEASED";
                case "PaymentReturned" -> status = "RETURNED";
                default -> { }
            }
        }
        List<TracedEvent> related = related(reference, payoutEvents);
        List<TracedEvent> everything = new ArrayList<>(related);
        everything.addAll(payoutEvents);
        everything.sort((a, b) -> Long.compare(a.globalIndex(), b.globalIndex()));
        var bankLine = bankStatementLines.getIfAvailable(() -> BankStatementLines.NONE)
                .forPayout(fundId, reservationId, paymentReference).orElse(null);
        return Optional.of(new PayoutTrace(reservationId, status, fund(fundId), first.path("amountFen").asLong(),
                text(first, "purpose"), reference, paymentReference, paidOn, bankLine, payoutEvents, related,
                documents(related), everything.stream().map(PayoutTraceService::decision).toList(),
                funding(fundId, reservationId, reserved.globalIndex())));
    }

    /** The claim's or grant's own events, and everything sharing a correlation id with them or the payout. */
    private List<TracedEvent> related(String reference, List<TracedEvent> payoutEvents) {
        Map<Long, TracedEvent> found = new LinkedHashMap<>();
        if (reference != null && !reference.isBlank()) {
            events("WHERE e.aggregateidentifier = :reference", new MapSqlParameterSource("reference", reference))
                    .forEach(event -> found.put(event.globalIndex(), event));
        }
        Set<String> correlationIds = new LinkedHashSet<>();
        payoutEvents.forEach(event -> addCorrelation(correlationIds, event));
        found.values().forEach(event -> addCorrelation(correlationIds, event));
        if (!correlationIds.isEmpty()) {
            events("WHERE convert_from(e.metadata, 'UTF8')::jsonb ->> 'correlationId' IN (:ids)",
                    new MapSqlParameterSource("ids", correlationIds))
                    .forEach(event -> found.putIfAbsent(event.globalIndex(), event));
        }
        Set<Long> payoutIndexes = new java.util.HashSet<>();
        payoutEvents.forEach(event -> payoutIndexes.add(event.globalIndex()));
        return found.values().stream().filter(event -> !payoutIndexes.contains(event.globalIndex()))
                .sorted((a, b) -> Long.compare(a.globalIndex(), b.globalIndex())).toList();
    }

    private static void addCorrelation(Set<String> ids, TracedEvent event) {
        if (event.who().correlationId() != null) {
            ids.add(event.who().correlationId());
        }
    }

    private PayoutTrace.Fund fund(String fundId) {
        List<TracedEvent> opened = events("WHERE e.aggregateidentifier = :fundId AND e.payloadtype = :type",
                new MapSqlParameterSource("fundId", fundId).addValue("type", FundOpened.class.getName()));
        if (opened.isEmpty()) {
            return new PayoutTrace.Fund(fundId, null, null, null);
        }
        JsonNode payload = opened.get(0).payload();
        return new PayoutTrace.Fund(fundId, text(payload, "orgId"), text(payload, "name"), text(payload, "fundType"));
    }

    /**
     * Walks the fund's events up to the reservation, in order, under {@link #LINEAGE_RULE}. Streams
     * the rows: a fund's history may be long.
     */
    private PayoutTrace.Funding funding(String fundId, String reservationId, long reservedAt) {
        Deque<Slice> queue = new ArrayDeque<>();
        Map<String, List<Slice>> taken = new HashMap<>();
        jdbc.query("SELECT " + EVENT_COLUMNS + FROM_EVENTS
                + "WHERE e.aggregateidentifier = :fundId AND e.globalindex <= :until ORDER BY e.sequencenumber",
                new MapSqlParameterSource("fundId", fundId).addValue("until", reservedAt), row -> {
                    TracedEvent event = traced(row);
                    JsonNode payload = event.payload();
                    String type = event.eventType();
                    if (INFLOW_TYPES.contains(type)) {
                        long amount = payload.path("amountFen").asLong();
                        queue.addLast(new Slice(inflow(event, amount), amount));
                    } else if (type.equals("FundsReserved")) {
                        taken.put(text(payload, "reservationId"), take(queue, payload.path("amountFen").asLong()));
                    } else if (type.equals("ReservationReleased") || type.equals("PaymentReturned")) {
                        List<Slice> back = taken.remove(text(payload, "reservationId"));
                        if (back != null) {
                            queue.addAll(back);
                        }
                    }
                });
        List<FundingSource> sources = new ArrayList<>();
        long attributed = 0;
        for (Slice slice : taken.getOrDefault(reservationId, List.of())) {
            FundingSource source = slice.source();
            sources.add(new FundingSource(source.globalIndex(), source.eventType(), source.eventId(), source.sourceId(),
                    source.payerType(), source.channel(), source.effectiveDate(), source.amountFen(), slice.fen(),
                    source.chainPosition(), source.chainHash()));
            attributed += slice.fen();
        }
        return new PayoutTrace.Funding(LINEAGE_RULE, sources, attributed);
    }

    private static FundingSource inflow(TracedEvent event, long amount) {
        JsonNode payload = event.payload();
        String sourceId = text(payload, "contributionId") != null ? text(payload, "contributionId")
                : text(payload, "allocationId");
        return new FundingSource(event.globalIndex(), event.eventType(), event.eventId(), sourceId,
                text(payload, "payerType"), text(payload, "channel"), text(payload, "effectiveDate"), amount, 0,
                event.chainPosition(), event.chainHash());
    }

    /** Takes {@code amountFen} from the front of the queue, splitting the last slice if needed. */
    private static List<Slice> take(Deque<Slice> queue, long amountFen) {
        List<Slice> slices = new ArrayList<>();
        long left = amountFen;
        while (left > 0 && !queue.isEmpty()) {
            Slice front = queue.pollFirst();
            long part = Math.min(left, front.fen());
            slices.add(new Slice(front.source(), part));
            if (part < front.fen()) {
                queue.addFirst(new Slice(front.source(), front.fen() - part));
            }
            left -= part;
        }
        return slices;
    }

    private List<Document> documents(List<TracedEvent> related) {
        List<Document> documents = new ArrayList<>();
        for (TracedEvent event : related) {
            collectDocuments(event, "", event.payload(), documents);
        }
        return documents;
    }

    private static void collectDocuments(TracedEvent event, String path, JsonNode node, List<Document> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                String lower = field.getKey().toLowerCase();
                if (field.getValue().isTextual() && (lower.contains("sha256") || lower.endsWith("hash"))) {
                    out.add(new Document(event.globalIndex(), event.eventType(), name, field.getValue().asText()));
                } else {
                    collectDocuments(event, name, field.getValue(), out);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectDocuments(event, path + "[" + i + "]", node.get(i), out);
            }
        }
    }

    private static Decision decision(TracedEvent event) {
        JsonNode payload = event.payload();
        String reason = text(payload, "reason") != null ? text(payload, "reason")
                : text(payload, "decisionReason") != null ? text(payload, "decisionReason") : text(payload, "note");
        Who who = event.who();
        return new Decision(event.globalIndex(), event.eventType(), event.aggregateId(), event.timestamp(),
                who.principal(), who.roles(), who.orgId(), reason, who.correlationId(), who.causationId(),
                who.idempotencyKey());
    }

    private List<TracedEvent> events(String where, MapSqlParameterSource parameters) {
        return jdbc.query("SELECT " + EVENT_COLUMNS + FROM_EVENTS + where + " ORDER BY e.globalindex LIMIT "
                + EVENTS_PER_SECTION_MAX, parameters, (row, n) -> traced(row));
    }

    private TracedEvent traced(java.sql.ResultSet row) throws java.sql.SQLException {
        String payloadType = row.getString(5);
        JsonNode metadata = parse(row.getBytes(8));
        long chainPosition = row.getLong(9);
        Long position = row.wasNull() ? null : chainPosition;
        return new TracedEvent(row.getLong(1), simpleName(payloadType),
                row.getString(2), row.getLong(3), row.getString(4), row.getString(6), parse(row.getBytes(7)),
                new Who(text(metadata, LedgerMetadata.PRINCIPAL), text(metadata, LedgerMetadata.ROLES),
                        text(metadata, LedgerMetadata.ORG_ID), text(metadata, LedgerMetadata.CORRELATION_ID),
                        text(metadata, LedgerMetadata.CAUSATION_ID), text(metadata, LedgerMetadata.IDEMPOTENCY_KEY)),
                position, row.getString(10));
    }

    /** ...FundEvents$FundsReserved becomes FundsReserved; a top-level class keeps its simple name. */
    private static String simpleName(String payloadType) {
        return payloadType.substring(Math.max(payloadType.lastIndexOf('$'), payloadType.lastIndexOf('.')) + 1);
    }

    private JsonNode parse(byte[] bytes) {
        if (bytes == null) {
            return NullNode.getInstance();
        }
        try {
            return json.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (java.io.IOException notJson) {
            return json.getNodeFactory().textNode(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Part of one inflow, in the FIFO queue. */
    private record Slice(FundingSource source, long fen) {
    }
}
