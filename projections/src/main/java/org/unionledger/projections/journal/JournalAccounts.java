package org.unionledger.projections.journal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import org.unionledger.core.fund.PayerType;
import org.unionledger.core.fund.ReservationPurpose;

/**
 * The chart of accounts of every fund. Each fund has its own accounts, named
 * {@code <class>:<fundId>:<path>}:
 * <ul>
 * <li>Assets:&lt;fund&gt;:Cash:Available, Assets:&lt;fund&gt;:Cash:Reserved (held for approved payouts):
 * together they are the fund's money at bank, its balance;</li>
 * <li>Assets:&lt;fund&gt;:Allocations:InTransit: allocations another fund has sent to this one and this
 * one has not received yet (a receivable, not cash);</li>
 * <li>Income:&lt;fund&gt;:Contributions:&lt;payer type&gt;, Income:&lt;fund&gt;:Allocations:In;</li>
 * <li>Expenses:&lt;fund&gt;:Payouts:&lt;purpose&gt;, Expenses:&lt;fund&gt;:Allocations:Out, and the
 * contra accounts Expenses:&lt;fund&gt;:PayoutReturns:&lt;purpose&gt; that returned payments credit.</li>
 * </ul>
 */
public final class JournalAccounts {

    public static final String ASSETS = "Assets";
    public static final String INCOME = "Income";
    public static final String EXPENSES = "Expenses";

    public static final String CASH_AVAILABLE = "Cash:Available";
    public static final String CASH_RESERVED = "Cash:Reserved";
    public static final String ALLOCATIONS_IN = "Allocations:In";
    public static final String ALLOCATIONS_IN_TRANSIT = "Allocations:InTransit";
    public static final String ALLOCATIONS_OUT = "Allocations:Out";
    public static final String IN_KIND_GOODS = "InKindGoods";

    private JournalAccounts() {
    }

    public static String contributions(PayerType payerType) {
        return "Contributions:" + camel(payerType.name());
    }

    public static String payouts(ReservationPurpose purpose) {
        return purpose == ReservationPurpose.ALLOCATION ? ALLOCATIONS_OUT : "Payouts:" + camel(purpose.name());
    }

    public static String payoutReturns(ReservationPurpose purpose) {
        return purpose == ReservationPurpose.ALLOCATION ? "Allocations:OutReturned"
                : "PayoutReturns:" + camel(purpose.name());
    }

    public static String name(String accountClass, String fundId, String accountPath) {
        return accountClass + ":" + fundId + ":" + accountPath;
    }

    /** The account as Beancount requires it: every component capitalised, letters, digits and dashes only. */
    public static String beancountName(String accountClass, String fundId, String accountPath) {
        return accountClass + ":" + beancountComponent(fundId) + ":" + accountPath;
    }

    /**
     * A fund id as a Beancount account component. Ids may hold . _ : which Beancount refuses; they
     * become dashes, and a short hash of the original id keeps two such ids apart.
     */
    public static String beancountComponent(String fundId) {
        String dashed = fundId.replaceAll("[^A-Za-z0-9-]", "-");
        String component = Character.toUpperCase(dashed.charAt(0)) + dashed.substring(1);
        if (!Character.isLetterOrDigit(component.charAt(0))) {
            component = "F" + component;
        }
        if (!dashed.equals(fundId)) {
            component = component + "-" + shortHash(fundId);
        }
        return component;
    }

    /** CLAIM_PAYOUT becomes ClaimPayout. */
    static String camel(String constant) {
        StringBuilder out = new StringBuilder();
        for (String word : constant.toLowerCase(Locale.ROOT).split("_")) {
            if (!word.isEmpty()) {
                out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return out.toString();
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 3).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
