package org.unionledger.api.audit;

import java.time.ZoneId;
import java.util.List;

import org.unionledger.api.audit.PayoutTrace.Decision;
import org.unionledger.api.audit.PayoutTrace.Document;
import org.unionledger.api.audit.PayoutTrace.FundingSource;
import org.unionledger.api.audit.PayoutTrace.TracedEvent;
import org.unionledger.projections.audit.HashChain;
import org.unionledger.projections.audit.PeriodDigest;

/** Printable pages and CSV for auditors: plain HTML, no scripts, every value escaped. */
final class AuditPages {

    private static final String STYLE = "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;"
            + "margin-bottom:1.5em}td,th{border:1px solid #999;padding:3px 6px;font-size:12px;text-align:left;"
            + "vertical-align:top}code{font-size:11px;word-break:break-all}@media print{a{color:black}}</style>";

    private AuditPages() {
    }

    static String digestsCsv(List<PeriodDigest> digests) {
        StringBuilder csv = new StringBuilder("period,period_end,chain_position,last_global_index,head_hash,settled\n");
        for (PeriodDigest d : digests) {
            csv.append(d.period()).append(',').append(d.periodEnd()).append(',').append(d.chainPosition()).append(',')
                    .append(d.lastGlobalIndex()).append(',').append(d.headHash()).append(',').append(d.settled())
                    .append('\n');
        }
        return csv.toString();
    }

    static String digestsPage(List<PeriodDigest> digests, ZoneId booksZone) {
        StringBuilder html = page("union-ledger: published period digests");
        html.append("<p>Each line is the head of the ledger's SHA-256 hash chain at the end of a month (")
                .append(esc(booksZone.getId())).append("). It commits to every event up to the global index shown: "
                + "changing, removing, inserting or reordering any of them changes the hash. How to check a line: "
                + "docs/audit.md, \"Checking a published digest\". Genesis hash: <code>").append(HashChain.GENESIS)
                .append("</code>.</p><table><tr><th>period</th><th>period end (UTC)</th><th>events</th>"
                        + "<th>last global index</th><th>head hash</th><th>settled</th></tr>");
        for (PeriodDigest d : digests) {
            row(html, d.period(), d.periodEnd().toString(), String.valueOf(d.chainPosition()),
                    String.valueOf(d.lastGlobalIndex()), code(d.headHash()), d.settled() ? "yes" : "provisional");
        }
        return html.append("</table></body></html>").toString();
    }

    static String tracePage(PayoutTrace trace) {
        StringBuilder html = page("Payout trace " + trace.reservationId());
        html.append("<table>");
        row(html, "reservation", esc(trace.reservationId()));
        row(html, "status", esc(trace.status()));
        row(html, "fund", esc(trace.fund().fundId() + " (" + trace.fund().name() + ", " + trace.fund().fundType()
                + ", org " + trace.fund().orgId() + ")"));
        row(html, "amount (fen)", String.valueOf(trace.amountFen()));
        row(html, "purpose / for", esc(trace.purpose() + " / " + trace.reference()));
        row(html, "payment reference / paid on", esc(trace.paymentReference() + " / " + trace.paidOn()));
        var line = trace.bankStatementLine();
        row(html, "bank statement line", line == null ? "not reconciled" : esc(line.statementId() + " line "
                + line.lineId() + ", booked " + line.bookedOn() + ", " + line.amountFen() + " fen, "
                + line.bankReference()));
        var subject = trace.subject();
        row(html, "claim or grant", esc(subject.kind() + " " + subject.itemId() + " (aggregate "
                + subject.aggregateId() + ", member " + subject.memberId() + "); found by: " + subject.rule()));
        html.append("</table>");
        events(html, "Payout events", trace.payoutEvents());
        events(html, "Claim or grant, and events of the same requests", trace.relatedEvents());
        html.append("<h2>Documents</h2>");
        if (trace.documents().isEmpty()) {
            html.append("<p>No document hashes recorded in the related events.</p>");
        } else {
            html.append("<table><tr><th>global index</th><th>event</th><th>field</th><th>hash</th></tr>");
            for (Document d : trace.documents()) {
                row(html, String.valueOf(d.globalIndex()), esc(d.eventType()), esc(d.field()), code(d.value()));
            }
            html.append("</table>");
        }
        html.append("<h2>Decisions</h2><table><tr><th>global index</th><th>decision</th><th>who</th><th>role</th>"
                + "<th>org</th><th>named in the event</th><th>when (recorded / effective)</th><th>reason</th>"
                + "<th>correlation / causation / idempotency key</th><th>chain position</th></tr>");
        for (Decision d : trace.decisions()) {
            row(html, String.valueOf(d.globalIndex()), esc(d.summary()), esc(d.principal()), esc(d.roles()),
                    esc(d.orgId()), esc(d.recordedBy()), esc(d.at() + " / " + d.effectiveOn()), esc(d.reason()),
                    code(d.correlationId() + " / " + d.causationId() + " / " + d.idempotencyKey()),
                    d.chainPosition() == null ? "not chained yet" : "#" + d.chainPosition());
        }
        html.append("</table><h2>Funding</h2><p>").append(esc(trace.funding().rule())).append("</p>");
        funding(html, trace.funding(), "");
        return html.append("</body></html>").toString();
    }

    private static void funding(StringBuilder html, PayoutTrace.Funding funding, String indent) {
        html.append("<table><tr><th>global index</th><th>event</th><th>source</th><th>payer</th><th>channel</th>"
                + "<th>effective</th><th>amount (fen)</th><th>attributed (fen)</th><th>chain</th></tr>");
        for (FundingSource s : funding.sources()) {
            row(html, String.valueOf(s.globalIndex()), esc(s.eventType()), esc(s.sourceId()
                    + (s.sourceFundId() == null ? "" : " from fund " + s.sourceFundId())), esc(s.payerType()),
                    esc(s.channel()), esc(s.effectiveDate()), String.valueOf(s.amountFen()),
                    String.valueOf(s.attributedFen()), chain(s.chainPosition(), s.chainHash()));
        }
        row(html, "", "", "", "", "", "total", "", String.valueOf(funding.attributedFen()), "");
        html.append("</table>");
        for (FundingSource s : funding.sources()) {
            if (!s.allocationEvents().isEmpty()) {
                events(html, indent + "Allocation " + s.sourceId() + ": its events", s.allocationEvents());
            }
            if (s.upstream() != null) {
                html.append("<h3>").append(esc(indent + "Allocation " + s.sourceId() + " funded in fund "
                        + s.sourceFundId() + " by")).append("</h3>");
                funding(html, s.upstream(), indent + "upstream: ");
            }
        }
    }

    private static void events(StringBuilder html, String title, List<TracedEvent> events) {
        html.append("<h2>").append(esc(title)).append("</h2><table><tr><th>global index</th><th>event</th>"
                + "<th>aggregate / sequence</th><th>when</th><th>who</th><th>payload</th><th>chain</th></tr>");
        for (TracedEvent e : events) {
            row(html, String.valueOf(e.globalIndex()), esc(e.eventType()), esc(e.aggregateId() + " / "
                    + e.sequenceNumber()), esc(e.timestamp()), esc(e.who().principal() + " (" + e.who().roles() + ")"),
                    code(String.valueOf(e.payload())), chain(e.chainPosition(), e.chainHash()));
        }
        html.append("</table>");
    }

    private static String chain(Long position, String hash) {
        return position == null ? "not chained yet" : "#" + position + " " + code(hash);
    }

    private static StringBuilder page(String title) {
        return new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title>").append(STYLE).append("</head><body><h1>").append(esc(title)).append("</h1>");
    }

    private static void row(StringBuilder html, String... cells) {
        html.append("<tr>");
        for (String cell : cells) {
            html.append("<td>").append(cell).append("</td>");
        }
        html.append("</tr>");
    }

    private static String code(String text) {
        return "<code>" + esc(text) + "</code>";
    }

    static String esc(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
