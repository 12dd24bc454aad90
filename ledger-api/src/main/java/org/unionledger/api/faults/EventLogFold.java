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
        long lastSequence = -1;
        boolean opened;
        final List<String> problems = new ArrayList<>();
        final Map<String, Long> heldFen = new HashMap<>();

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
                add(new MoneyEvent(globalIndex, fundId, sequence, Kind.RESERVATION, reservationId, amount));
            }
            case "ReservationDisbursed" -> {
                settle(fund, reservationId, amount);
                fund.outFen += amount;
                add(new MoneyEvent(globalIndex, fundId, sequence, Kind.DISBURSEMENT, reservationId, amount));
            }
            case "ReservationReleased" -> {
                settle(fund, reservationId, amount);
                add(new MoneyEvent(globalIndex, fundId, sequence, Kind.RELEASE, reservationId, amount));
            }
            case "PaymentReturned" -> fund.outFen -= amount;
            default -> fund.problems.add("event type " + type + " is unknown to the fault harness's fold");
        }
        if (fund.available() < 0 || fund.reservedFen < 0 || fund.outFen < 0) {
            fund.problems.add("after sequence " + sequence + " available " + fund.available() + ", reserved "
                    + fund.reservedFen + ", out " + fund.outFen);
        }
    }

    private static void settle(FundFold fund, String reservationId, long amount) {
        Long held = fund.heldFen.remove(reservationId);
        if (held == null || held != amount) {
            fund.problems.add("reservation " + reservationId + " settled for " + amount + " but held " + held);
        }
        fund.reservedFen -= amount;
    }

    private void add(MoneyEvent event) {
        byKey.computeIfAbsent(event.key(), k -> new ArrayList<>()).add(event);
    }
}
