package org.unionledger.api.faults;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One command the generator sends: where, with which body, and the money it moves if it takes
 * effect. {@link #key()} names the event it must leave in the log (kind, fund, client-chosen id).
 *
 * @param kind          what the command does
 * @param fundId        the fund it moves money in (for an allocation: the fund money leaves)
 * @param id            the client-chosen id (contribution id, reservation id, allocation id)
 * @param amountFen     the money it moves (for a disbursement or release: the reservation's amount)
 * @param path          the REST path it is POSTed to
 * @param body          the JSON body; a retry sends exactly this again
 * @param targetFundId  for an allocation: the fund the money goes to (else null)
 */
record MoneyCommand(Kind kind, String fundId, String id, long amountFen, String path, ObjectNode body,
                    String targetFundId) {

    MoneyCommand(Kind kind, String fundId, String id, long amountFen, String path, ObjectNode body) {
        this(kind, fundId, id, amountFen, path, body, null);
    }

    /** The operation kinds the generator knows; each plugs in when the ledger has its endpoint. */
    enum Kind {
        OPEN_ORG(null),
        OPEN_FUND(null),
        CONTRIBUTION("ContributionRecorded"),
        RESERVATION("FundsReserved"),
        DISBURSEMENT("ReservationDisbursed"),
        RELEASE("ReservationReleased"),
        /** Step 1 of an allocation: a FundsReserved of purpose ALLOCATION on the source fund. */
        ALLOCATION("FundsReserved");

        /** The simple name of the event one such command leaves in its fund's log. */
        final String event;

        Kind(String event) {
            this.event = event;
        }

        boolean movesMoney() {
            return this != OPEN_FUND && this != OPEN_ORG;
        }
    }

    String key() {
        return key(kind, fundId, id);
    }

    static String key(Kind kind, String fundId, String id) {
        return kind + "|" + fundId + "|" + id;
    }

    /** The same id with another body: the ledger must answer 409 and record nothing. */
    MoneyCommand withOtherBody() {
        ObjectNode other = body.deepCopy();
        if (other.has("amountFen")) {
            other.put("amountFen", other.get("amountFen").asLong() + 1);
        } else if (other.has("paymentReference")) {
            other.put("paymentReference", other.get("paymentReference").asText() + "-other");
        } else if (other.has("reason")) {
            other.put("reason", other.get("reason").asText() + " (other)");
        } else {
            other.put("memo", "other body");
        }
        return new MoneyCommand(kind, fundId, id, other.has("amountFen") ? other.get("amountFen").asLong() : amountFen,
                path, other, targetFundId);
    }

    @Override
    public String toString() {
        return kind + " " + fundId + "/" + id + (targetFundId != null ? " -> " + targetFundId : "") + " "
                + amountFen + " fen";
    }
}
