package org.unionledger.api.audit;

import java.sql.SQLException;
import java.time.YearMonth;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.unionledger.api.security.Roles;
import org.unionledger.api.security.ScopeGuard;
import org.unionledger.api.web.NotFound;
import org.unionledger.projections.audit.ChainVerification;
import org.unionledger.projections.audit.ChainVerifier;
import org.unionledger.projections.audit.PeriodDigest;
import org.unionledger.projections.audit.PeriodDigests;

import javax.sql.DataSource;

/** The auditor's endpoints: all GET, for AUDITOR and ADMIN. */
@RestController
@RequestMapping("/audit")
@Tag(name = "Audit")
class AuditController {

    private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");

    private final ChainVerifier verifier;
    private final DataSource dataSource;
    private final PeriodDigests digests;
    private final PayoutTraceService traces;
    private final AuditProperties properties;
    private final ScopeGuard scope;

    AuditController(ChainVerifier verifier, DataSource dataSource, PeriodDigests digests, PayoutTraceService traces,
                    AuditProperties properties, ScopeGuard scope) {
        this.scope = scope;
        this.verifier = verifier;
        this.dataSource = dataSource;
        this.digests = digests;
        this.traces = traces;
        this.properties = properties;
    }

    @GetMapping("/chain/verification")
    @PreAuthorize(Roles.AUDIT)
    @Operation(summary = "Recompute the hash chain from the event store and name the first difference, if any")
    ChainVerification verification(@RequestParam(required = false) Long untilGlobalIndex) throws SQLException {
        return untilGlobalIndex == null ? verifier.verify(dataSource) : verifier.verify(dataSource, untilGlobalIndex);
    }

    @GetMapping("/digests")
    @PreAuthorize(Roles.AUDIT)
    @Operation(summary = "The chain head at each month's end, for publication (JSON, or CSV with format=csv or "
            + "Accept: text/csv); from and to are months like 2026-03, at most 120")
    ResponseEntity<?> digests(@RequestParam(required = false) YearMonth from,
                              @RequestParam(required = false) YearMonth to,
                              @RequestParam(required = false) String format,
                              @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept)
            throws SQLException {
        List<PeriodDigest> list = between(from, to);
        boolean csv = "csv".equalsIgnoreCase(format) || (accept != null && accept.contains("text/csv"));
        if (csv) {
            return ResponseEntity.ok().contentType(CSV)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"ledger-digests.csv\"")
                    .body(AuditPages.digestsCsv(list));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(list);
    }

    @GetMapping("/digests.html")
    @PreAuthorize(Roles.AUDIT)
    @Operation(summary = "The period digests as a printable page")
    ResponseEntity<String> digestsPage(@RequestParam(required = false) YearMonth from,
                                       @RequestParam(required = false) YearMonth to) throws SQLException {
        return ResponseEntity.ok().contentType(HTML)
                .body(AuditPages.digestsPage(between(from, to), properties.booksZone()));
    }

    @GetMapping("/payouts/{reservationId}/trace")
    @PreAuthorize(Roles.AUDIT)
    @Operation(summary = "Everything about one payout: events, decisions (who, role, when, why), the claim or grant, "
            + "its documents' hashes, the funding under the FIFO lineage rule, bank line, hash-chain positions")
    PayoutTrace trace(@PathVariable String reservationId) {
        // A payout of a fund outside the auditor's organisation subtree is answered like an unknown one.
        return traces.trace(reservationId)
                .filter(found -> found.fund() == null || scope.inScope(found.fund().orgId()))
                .orElseThrow(() -> new NotFound("PAYOUT_MUST_EXIST", "no fund holds a reservation " + reservationId));
    }

    @GetMapping("/payouts/{reservationId}/trace.html")
    @PreAuthorize(Roles.AUDIT)
    @Operation(summary = "The payout trace as a printable page")
    ResponseEntity<String> tracePage(@PathVariable String reservationId) {
        return ResponseEntity.ok().contentType(HTML).body(AuditPages.tracePage(trace(reservationId)));
    }

    private List<PeriodDigest> between(YearMonth from, YearMonth to) throws SQLException {
        YearMonth last = to != null ? to : YearMonth.now(properties.booksZone());
        YearMonth first = from != null ? from : last.minusMonths(11);
        return digests.between(first, last);
    }
}
