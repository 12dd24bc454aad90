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
import org.unionledger.api.audit.PayoutTrace.Subject;
import org.unionledger.core.fund.FundEvents.AllocationAccepted;
import org.unionledger.core.fund.FundEvents.AllocationReceived;
import org.unionledger.core.fund.FundEvents.AllocationSent;
import org.unionledger.core.fund.FundEvents.ContributionRecorded;
import org.unionledger.core.fund.FundEvents.FundOpened;
import org.unionledger.core.fund.FundEvents.FundsReserved;
import org.unionledger.core.fund.FundEvents.PaymentReturned;
import org.unionledger.core.fund.FundEvents.ReservationDisbursed;
import org.unionledger.core.fund.FundEvents.ReservationReleased;
import org.unionledger.core.fund.ReservationPurpose;
import org.unionledger.core.hardship.HardshipGrants;
import org.unionledger.core.metadata.LedgerMetadata;
import org.unionledger.core.subsidy.SubsidyEvents.SubsidyProgramLaunched;

/**
 * Builds a payout's trace straight from the event store (the source of truth, not a projection)
 * and the hash chain. Read-only, in one read-only transaction.
 */
@Service
public class PayoutTraceService {

    /** How many allocation hops the funding section follows upstream. */
    static final int UPSTREAM_DEPTH_MAX = 3;

    /**
     * FIFO per fund. Stated in every trace so an auditor knows how to read the funding section.
     */
    static final String LINEAGE_RULE = "FIFO per fund: the fund's inflows (ContributionRecorded, and AllocationReceived "
            + "when money allocated from another fund became this fund's own; AllocationAccepted is only money on its "
            + "way and funds nothing) form a queue in global order; each reservation (FundsReserved, including an "
            + "allocation's or clawback's hold) takes the oldest money not yet taken; money coming back (a released "
            + "reservation, a returned payment) rejoins the end of the queue with its original sources. The payout is "
            + "funded by the slices its FundsReserved event took. An allocation's slice is traced on into its source "
            + "fund by the same rule (upstream), up to " + UPSTREAM_DEPTH_MAX + " funds deep.";

    /** Events of a fund that bring money in, by simple type name. */
    static final Set<String> INFLOW_TYPES = Set.of(ContributionRecorded.class.getSimpleName(),
            AllocationReceived.class.getSimpleName());

    private static final List<String> ALLOCATION_TYPES = List.of(AllocationAccepted.class.getName(),
            AllocationSent.class.getName(), FundsReserved.class.getName());

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
        String purpose = text(first, "purpose");
        SubjectEvents subject = subject(purpose, reservationId, reference);
        List<TracedEvent> related = related(subject.events(), payoutEvents);
        List<TracedEvent> everything = new ArrayList<>(related);
        everything.addAll(payoutEvents);
        everything.sort((a, b) -> Long.compare(a.globalIndex(), b.globalIndex()));
        var bankLine = bankStatementLines.getIfAvailable(() -> BankStatementLines.NONE)
                .forPayout(fundId, reservationId, paymentReference).orElse(null);
        return Optional.of(new PayoutTrace(reservationId, status, fund(fundId), first.path("amountFen").asLong(),
                purpose, reference, paymentReference, paidOn, bankLine, payoutEvents, subject.subject(), related,
                documents(related), everything.stream().map(PayoutTraceService::decision).toList(),
                funding(fundId, reservationId, reserved.globalIndex(), 1)));
    }

    /** The claim or grant and its own events, by an explicit rule per purpose (see {@link Subject}). */
    private SubjectEvents subject(String purpose, String reservationId, String reference) {
        ReservationPurpose kind = purposeOf(purpose);
        if (kind == ReservationPurpose.CLAIM_PAYOUT) {
            String claimId = notBlank(reference) ? reference : claimIdOf(reservationId);
            List<TracedEvent> events = claimId == null ? List.of()
                    : events("WHERE e.aggregateidentifier = :id", new MapSqlParameterSource("id", claimId));
            return new SubjectEvents(new Subject("CLAIM", claimId, claimId, memberOf(events), "claim aggregate id = "
                    + "the reservation's reference (reservation id claim:{claimId}[:{attempt}]); all its events"), events);
        }
        if (kind == ReservationPurpose.HARDSHIP_GRANT) {
            String[] caseAndGrant = HardshipGrants.caseAndGrant(reference);
            if (caseAndGrant != null) {
                List<TracedEvent> events = events("WHERE e.aggregateidentifier = :id AND ((convert_from(e.payload, "
                        + "'UTF8')::jsonb ->> 'grantId') IS NULL OR convert_from(e.payload, 'UTF8')::jsonb ->> "
                        + "'grantId' = :grantId)", new MapSqlParameterSource("id", caseAndGrant[0])
                        .addValue("grantId", caseAndGrant[1]));
                return new SubjectEvents(new Subject("HARDSHIP_GRANT", caseAndGrant[0], caseAndGrant[1],
                        memberOf(events), "hardship case aggregate id and grant id from the reservation's reference "
                        + "{caseId}/{grantId}; the case's own events and this grant's, other grants left out"), events);
            }
        }
        if (kind == ReservationPurpose.SUBSIDY_GRANT) {
            String programId = notBlank(reference) ? reference : programIdOf(reservationId);
            if (programId != null) {
                List<TracedEvent> events = events("WHERE e.aggregateidentifier = :id AND (e.payloadtype = :launched "
                        + "OR convert_from(e.payload, 'UTF8')::jsonb ->> 'grantId' = :grantId)",
                        new MapSqlParameterSource("id", programId).addValue("grantId", reservationId)
                                .addValue("launched", SubsidyProgramLaunched.class.getName()));
                return new SubjectEvents(new Subject("SUBSIDY_GRANT", programId, reservationId, memberOf(events),
                        "subsidy program aggregate id = the reservation's reference, grant id = the reservation id "
                        + "(sub:{programId}:{memberId}); the program's launch and this grant's events"), events);
            }
        }
        List<TracedEvent> events = notBlank(reference)
                ? events("WHERE e.aggregateidentifier = :id", new MapSqlParameterSource("id", reference)) : List.of();
        return new SubjectEvents(new Subject("OTHER", reference, reference, memberOf(events),
                "the aggregate whose id is the reservation's reference"), events);
    }

    private static ReservationPurpose purposeOf(String purpose) {
        try {
            return purpose == null ? ReservationPurpose.OTHER : ReservationPurpose.valueOf(purpose);
        } catch (IllegalArgumentException unknown) {
            return ReservationPurpose.OTHER;
        }
    }

    /** "claim:{claimId}" or "claim:{claimId}:{attempt}" (attempt 2 onwards), else null. */
    static String claimIdOf(String reservationId) {
        if (reservationId == null || !reservationId.startsWith("claim:")) {
            return null;
        }
        String rest = reservationId.substring("claim:".length());
        return rest.matches(".+:[0-9]+") ? rest.substring(0, rest.lastIndexOf(':')) : rest;
    }

    /** "sub:{programId}:{memberId}", else null. */
    static String programIdOf(String grantId) {
        if (grantId == null || !grantId.startsWith("sub:") || grantId.lastIndexOf(':') <= "sub:".length()) {
            return null;
        }
        return grantId.substring("sub:".length(), grantId.lastIndexOf(':'));
    }

    private static String memberOf(List<TracedEvent> events) {
        for (TracedEvent event : events) {
            String memberId = text(event.payload(), "memberId");
            if (memberId != null) {
                return memberId;
            }
        }
        return null;
    }

    private static boolean notBlank(String text) {
        return text != null && !text.isBlank();
    }

    /** The claim's or grant's own events, and everything sharing a correlation id with them or the payout. */
    private List<TracedEvent> related(List<TracedEvent> subjectEvents, List<TracedEvent> payoutEvents) {
        Map<Long, TracedEvent> found = new LinkedHashMap<>();
        subjectEvents.forEach(event -> found.put(event.globalIndex(), event));
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
     * the rows: a fund's history may be long. Allocated money is followed into its source fund.
     */
    private PayoutTrace.Funding funding(String fundId, String reservationId, long reservedAt, int depth) {
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
                        queue.addLast(new Slice(event, amount));
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
            sources.add(source(fundId, slice.event(), slice.fen(), depth));
            attributed += slice.fen();
        }
        return new PayoutTrace.Funding(LINEAGE_RULE, sources, attributed);
    }

    private FundingSource source(String fundId, TracedEvent event, long attributedFen, int depth) {
        JsonNode payload = event.payload();
        long amount = payload.path("amountFen").asLong();
        if (!event.eventType().equals(AllocationReceived.class.getSimpleName())) {
            return new FundingSource(event.globalIndex(), event.eventType(), event.eventId(),
                    text(payload, "contributionId"), text(payload, "payerType"), text(payload, "channel"),
                    text(payload, "effectiveDate"), amount, attributedFen, event.chainPosition(), event.chainHash(),
                    null, List.of(), null);
        }
        String allocationId = text(payload, "allocationId");
        String sourceFundId = text(payload, "sourceFundId");
        List<TracedEvent> allocationEvents = events("WHERE e.aggregateidentifier IN (:funds) AND e.payloadtype IN "
                + "(:types) AND (convert_from(e.payload, 'UTF8')::jsonb ->> 'allocationId' = :allocationId OR "
                + "convert_from(e.payload, 'UTF8')::jsonb ->> 'reservationId' = :allocationId)",
                new MapSqlParameterSource("funds", List.of(fundId, sourceFundId == null ? fundId : sourceFundId))
                        .addValue("types", ALLOCATION_TYPES).addValue("allocationId", allocationId));
        PayoutTrace.Funding upstream = null;
        if (sourceFundId != null && depth < UPSTREAM_DEPTH_MAX) {
            for (TracedEvent held : allocationEvents) {
                if (held.eventType().equals("FundsReserved") && held.aggregateId().equals(sourceFundId)) {
                    upstream = funding(sourceFundId, allocationId, held.globalIndex(), depth + 1);
                }
            }
        }
        return new FundingSource(event.globalIndex(), event.eventType(), event.eventId(), allocationId,
                "ALLOCATION", null, null, amount, attributedFen, event.chainPosition(), event.chainHash(),
                sourceFundId, allocationEvents, upstream);
    }

    /** Takes {@code amountFen} from the front of the queue, splitting the last slice if needed. */
    private static List<Slice> take(Deque<Slice> queue, long amountFen) {
        List<Slice> slices = new ArrayList<>();
        long left = amountFen;
        while (left > 0 && !queue.isEmpty()) {
            Slice front = queue.pollFirst();
            long part = Math.min(left, front.fen());
            slices.add(new Slice(front.event(), part));
            if (part < front.fen()) {
                queue.addFirst(new Slice(front.event(), front.fen() - part));
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
                if (field.getValue().isTextual() && (lower.contains("sha256") || lower.endsWith("hash")
                        || lower.equals("certificatenumber"))) {
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

    /** Payload fields that say why, in the order they are shown. */
    private static final List<String> REASON_FIELDS = List.of("reasonCode", "reason", "adjustmentReason", "code",
            "message", "decisionReason", "note", "missingDocuments");

    static Decision decision(TracedEvent event) {
        JsonNode payload = event.payload();
        List<String> reasons = new ArrayList<>();
        for (String field : REASON_FIELDS) {
            JsonNode value = payload == null ? null : payload.get(field);
            if (value != null && !value.isNull() && !(value.isArray() && value.isEmpty())) {
                reasons.add(value.isTextual() ? value.asText() : field + " " + value);
            }
        }
        Who who = event.who();
        return new Decision(event.globalIndex(), event.eventType(), event.aggregateId(), event.timestamp(),
                who.principal(), who.roles(), who.orgId(), reasons.isEmpty() ? null : String.join("; ", reasons),
                who.correlationId(), who.causationId(), who.idempotencyKey(), fieldEnding(payload, "By"),
                fieldEnding(payload, "On"), summary(event), event.chainPosition());
    }

    /** Payload fields named like *By that name no person (ClaimSubmitted's limitedBy is a benefit limit). */
    private static final Set<String> NOT_A_PERSON = Set.of("limitedBy");

    /** The first textual payload field named like *By or *On (approvedBy, paidOn, ...). */
    private static String fieldEnding(JsonNode payload, String suffix) {
        if (payload == null || !payload.isObject()) {
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = payload.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().endsWith(suffix) && field.getValue().isTextual()
                    && !NOT_A_PERSON.contains(field.getKey())) {
                return field.getValue().asText();
            }
        }
        return null;
    }

    /** "ClaimApproved" becomes "claim approved"; approvals say whether a second one is needed. */
    static String summary(TracedEvent event) {
        String words = event.eventType().replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
        JsonNode finalApproval = event.payload() == null ? null : event.payload().get("finalApproval");
        if (finalApproval != null && finalApproval.isBoolean()) {
            return words + (finalApproval.asBoolean() ? " (final approval)" : " (first of two approvals)");
        }
        return words;
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
    private record Slice(TracedEvent event, long fen) {
    }

    private record SubjectEvents(Subject subject, List<TracedEvent> events) {
    }
}
