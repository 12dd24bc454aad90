package org.unionledger.api.faults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.unionledger.api.faults.MoneyCommand.Kind;

/**
 * A fresh fold of the event log, independent of every projection: each fund's money in, out and
 * reserved, every money event by its key, and whether available money ever went below zero.
 */
final class EventLogFold {

    /** One fund's money after every event of its stream. */
    static final class FundFold {
        final String fundId;
        long inFen;
        long outFen;
        long reservedFen;
        /** Allocation money accepted on its way here, not yet this fund's (not in available). */
        long pendingInFen;
        long lastSequence = -1;
        boolean opened;
        final List<String> problems = new ArrayList<>();
        final Map<String, Long> heldFen = new HashMap<>();
        final Map<String, Long> pendingFen = new HashMap<>();

        FundFold(String fundId) {
            this.fundId = fundId;
        }

        long available() {
            return inFen - outFen - reservedFen;
        }
    }

    /** One money event, named by the command that caused it. */
    record MoneyEvent(long globalIndex, String fundId, long sequence, Kind kind, String id, long amountFen) {
        String key() {
            return MoneyCommand.key(kind, fundId, id);
        }
    }

    final Map<String, FundFold> funds = new LinkedHashMap<>();
    final Map<String, List<MoneyEvent>> byKey = new HashMap<>();
    /** Every allocation (and clawback) by id: how far its four steps got. */
    final Map<String, Allocation> allocations = new LinkedHashMap<>();
    /** Problems not tied to one fund (an allocation whose steps disagree). */
    final List<String> problems = new ArrayList<>();

    /** One allocation's steps as the log shows them. */
    static final class Allocation {
        final String id;
        final String sourceFundId;
        final String targetFundId;
        final long amountFen;
        boolean accepted;
        boolean sent;
        boolean received;
        boolean released;

        Allocation(String id, String sourceFundId, String targetFundId, long amountFen) {
            this.id = id;
            this.sourceFundId = sourceFundId;
            this.targetFundId = targetFundId;
            this.amountFen = amountFen;
        }

        /** Received by the target or released back to the source: nothing more will happen. */
        boolean settled() {
            return received || released;
        }

        @Override
        public String toString() {
            return "allocation " + id + " " + sourceFundId + " -> " + targetFundId + " " + amountFen + " fen"
                    + (accepted ? " accepted" : "") + (sent ? " sent" : "") + (received ? " received" : "")
                    + (released ? " released" : "");
        }
    }
    long events;

    static EventLogFold read(Connection db) throws Exception {
        EventLogFold fold = new EventLogFold();
        try (PreparedStatement query = db.prepareStatement("SELECT globalindex, aggregateidentifier, sequencenumber, "
                + "payloadtype, payload FROM domainevententry WHERE payloadtype LIKE 'org.unionledger.core.fund.%' "
                + "ORDER BY globalindex")) {
            query.setFetchSize(1000);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String type = rows.getString(4);
                    JsonNode payload = LedgerClient.JSON.readTree(rows.getBytes(5));
                    fold.apply(rows.getLong(1), rows.getString(2), rows.getLong(3),
                            type.substring(type.lastIndexOf('$') + 1), payload);
                }
            }
        }
        return fold;
    }

    private void apply(long globalIndex, String fundId, long sequence, String type, JsonNode event) {
        events++;
        FundFold fund = funds.computeIfAbsent(fundId, FundFold::new);
        if (sequence != fund.lastSequence + 1) {
            fund.problems.add("sequence " + sequence + " after " + fund.lastSequence);
        }
        fund.lastSequence = sequence;
        long amount = event.path("amountFen").asLong();
        String reservationId = event.path("reservationId").asText(null);
        switch (type) {
            case "FundOpened" -> fund.opened = true;
            case "ContributionRecorded" -> {
                fund.inFen += amount;
                add(new MoneyEvent(globalIndex, fundId, sequence, Kind.CONTRIBUTION,
                        event.path("contributionId").asText(), amount));
            }
            case "FundsReserved" -> {
                fund.reservedFen += amount;
                if (fund.heldFen.put(reservationId, amount) != null) {
                    fund.problems.add("reservation " + reservationId + " held twice");
                }
                boolean allocation = "ALLOCATION".equals(event.path("purpose").asText());
                if (allocation) {
                    allocations.put(reservationId, new Allocation(reservationId, fundId,
                            event.path("reference").asText(), amount));
                }
                add(new MoneyEvent(globalIndex, fundId, sequence, allocation ? Kind.ALLOCATION : Kind.RESERVATION,
                        reservationId, amount));
            }
            case "ReservationDisbursed" -> {
                settle(fund, reservationId, amount);
                fund.outFen += amount;
                add(new MoneyEvent(globalIndex, fundId, sequence, Kind.DISBURSEMENT, reservationId, amount));
            }
            case "ReservationReleased" -> {
                settle(fund, reservationId, amount);
                Allocation allocation = allocations.get(reservationId);
                if (allocation != null && allocation.sourceFundId.equals(fundId)) {
                    allocation.released = true;
                    if (allocation.sent) {
                        problems.add(allocation + ": released after it was sent");
                    }
                } else {
                    add(new MoneyEvent(globalIndex, fundId, sequence, Kind.RELEASE, reservationId, amount));
                }
            }
            case "PaymentReturned" -> fund.outFen -= amount;
            case "AllocationAccepted" -> {
                String id = event.path("allocationId").asText();
                fund.pendingInFen += amount;
                if (fund.pendingFen.put(id, amount) != null) {
                    fund.problems.add("allocation " + id + " accepted twice");
                }
                step(id, fundId, amount, "accepted").accepted = true;
            }
            case "AllocationSent" -> {
                String id = event.path("allocationId").asText();
                settle(fund, id, amount);
                fund.outFen += amount;
                Allocation allocation = step(id, fundId, amount, "sent");
                if (allocation.sent || !allocation.accepted) {
                    problems.add(allocation + ": sent twice or before it was accepted");
                }
                allocation.sent = true;
            }
            case "AllocationReceived" -> {
                String id = event.path("allocationId").asText();
                Long pending = fund.pendingFen.remove(id);
                if (pending == null || pending != amount) {
                    fund.problems.add("allocation " + id + " received " + amount + " but pending " + pending);
                }
                fund.pendingInFen -= amount;
                fund.inFen += amount;
                Allocation allocation = step(id, fundId, amount, "received");
                if (allocation.received || !allocation.sent) {
                    problems.add(allocation + ": received twice or before it was sent");
                }
                allocation.received = true;
            }
            case "AllocationClawbackStarted" -> {
                // no money moves: the FundsReserved (purpose ALLOCATION) that follows holds it
            }
            default -> fund.problems.add("event type " + type + " is unknown to the fault harness's fold");
        }
        if (fund.available() < 0 || fund.reservedFen < 0 || fund.outFen < 0 || fund.pendingInFen < 0) {
            fund.problems.add("after sequence " + sequence + " available " + fund.available() + ", reserved "
                    + fund.reservedFen + ", out " + fund.outFen + ", pending in " + fund.pendingInFen);
        }
    }

    private static void settle(FundFold fund, String reservationId, long amount) {
        Long held = fund.heldFen.remove(reservationId);
        if (held == null || held != amount) {
            fund.problems.add("reservation " + reservationId + " settled for " + amount + " but held " + held);
        }
        fund.reservedFen -= amount;
    }

    /** The allocation a step names; a step for an allocation the log never reserved is a problem. */
    private Allocation step(String id, String fundId, long amount, String what) {
        Allocation allocation = allocations.get(id);
        if (allocation == null) {
            problems.add("allocation " + id + " " + what + " in " + fundId + " but never reserved");
            allocation = new Allocation(id, "?", fundId, amount);
            allocations.put(id, allocation);
        } else if (allocation.amountFen != amount || !(fundId.equals(allocation.sourceFundId)
                || fundId.equals(allocation.targetFundId))) {
            problems.add(allocation + ": " + what + " in " + fundId + " for " + amount + " fen");
        }
        return allocation;
    }

    private void add(MoneyEvent event) {
        byKey.computeIfAbsent(event.key(), k -> new ArrayList<>()).add(event);
    }
}
