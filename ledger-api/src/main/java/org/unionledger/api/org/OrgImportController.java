package org.unionledger.api.org;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.unionledger.api.idempotency.IdempotencyKeyReused;
import org.unionledger.core.metadata.PolicyMessages;
import org.unionledger.core.org.OrgLevel;
import org.unionledger.projections.org.OrgView;

/**
 * Imports organisations from CSV (orgId,name,level,parentOrgId; a header line is skipped).
 * Parents are registered before their children whatever the order of the lines; each line gets
 * its own result, and a refused line does not stop the others. Importing a file again registers
 * nothing new (each line is idempotent on its orgId).
 */
@RestController
@RequestMapping("/org-imports")
@Tag(name = "Organisations")
class OrgImportController {

    /** The most lines one import takes. */
    static final int LINES_MAX = 10_000;

    private final OrgRegistrations registrations;
    private final org.unionledger.api.security.ScopeGuard scope;

    OrgImportController(OrgRegistrations registrations, org.unionledger.api.security.ScopeGuard scope) {
        this.registrations = registrations;
        this.scope = scope;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize(OrgController.MANAGE_ORGS)
    @Operation(summary = "Import organisations from a CSV file (orgId,name,level,parentOrgId); per-line report")
    ImportReport importOrgs(@RequestParam("file") MultipartFile file) throws IOException {
        // A file may reshape any part of the tree: only users who see the whole tree import.
        if (!scope.seesAll()) {
            throw new org.springframework.security.access.AccessDeniedException(
                    "only users of the root organisation import organisation files");
        }
        List<Line> lines = read(file);
        Map<Integer, LineResult> results = new HashMap<>();
        Map<String, OrgLevel> levels = new HashMap<>();
        List<Line> waiting = new ArrayList<>();
        for (Line line : lines) {
            if (line.error() != null) {
                results.put(line.number(), new LineResult(line.number(), line.orgId(), "REFUSED",
                        "CSV_LINE_MALFORMED", line.error()));
            } else {
                waiting.add(line);
            }
        }
        boolean progress = true;
        while (!waiting.isEmpty() && progress) {
            progress = false;
            List<Line> later = new ArrayList<>();
            for (Line line : waiting) {
                if (parentReady(line, levels)) {
                    results.put(line.number(), register(line, levels));
                    progress = true;
                } else {
                    later.add(line);
                }
            }
            waiting = later;
        }
        // Parents never found: register anyway so the aggregate names the broken rule.
        for (Line line : waiting) {
            results.put(line.number(), register(line, levels));
        }
        List<LineResult> ordered = results.values().stream()
                .sorted(java.util.Comparator.comparingInt(LineResult::line)).toList();
        long registered = ordered.stream().filter(r -> r.status().equals("REGISTERED")).count();
        long refused = ordered.stream().filter(r -> r.status().equals("REFUSED")).count();
        return new ImportReport(ordered.size(), registered, ordered.size() - registered - refused, refused, ordered);
    }

    private boolean parentReady(Line line, Map<String, OrgLevel> levels) {
        String parent = line.request().parentOrgId();
        if (parent == null || parent.isBlank() || levels.containsKey(parent)) {
            return true;
        }
        OrgView known = registrations.find(parent);
        if (known != null) {
            levels.put(parent, known.level());
            return true;
        }
        return false;
    }

    private LineResult register(Line line, Map<String, OrgLevel> levels) {
        String parent = line.request().parentOrgId();
        try {
            var outcome = registrations.register(line.request(), parent == null ? null : levels.get(parent));
            levels.put(line.orgId(), line.request().level());
            return new LineResult(line.number(), line.orgId(), outcome.replayed() ? "ALREADY_REGISTERED" : "REGISTERED",
                    null, null);
        } catch (IdempotencyKeyReused reused) {
            return new LineResult(line.number(), line.orgId(), "REFUSED", "IDEMPOTENCY_KEY_REUSED",
                    "organisation " + line.orgId() + " is registered with other details");
        } catch (RuntimeException failure) {
            String code = PolicyMessages.refusalCode(failure).orElseThrow(() -> failure);
            return new LineResult(line.number(), line.orgId(), "REFUSED", code, failure.getMessage());
        }
    }

    private static List<Line> read(MultipartFile file) throws IOException {
        List<Line> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8))) {
            String text;
            int number = 0;
            while ((text = reader.readLine()) != null) {
                number++;
                if (number == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1);
                }
                if (text.isBlank() || (number == 1 && text.toLowerCase().startsWith("orgid"))) {
                    continue;
                }
                if (lines.size() >= LINES_MAX) {
                    throw new IllegalArgumentException("an import takes at most " + LINES_MAX + " lines");
                }
                lines.add(parse(number, text));
            }
        }
        return lines;
    }

    private static Line parse(int number, String text) {
        List<String> fields = Csv.fields(text);
        String orgId = fields.isEmpty() ? null : fields.get(0).strip();
        if (fields.size() < 3 || fields.size() > 4) {
            return new Line(number, orgId, null, "expected orgId,name,level,parentOrgId");
        }
        OrgLevel level;
        try {
            level = OrgLevel.valueOf(fields.get(2).strip());
        } catch (IllegalArgumentException unknown) {
            return new Line(number, orgId, null, "unknown level " + fields.get(2).strip());
        }
        String parent = fields.size() == 4 && !fields.get(3).isBlank() ? fields.get(3).strip() : null;
        return new Line(number, orgId,
                new OrgRegistrations.RegisterOrgRequest(orgId, fields.get(1).strip(), level, parent), null);
    }

    private record Line(int number, String orgId, OrgRegistrations.RegisterOrgRequest request, String error) {
    }

    record LineResult(int line, String orgId, String status, String code, String message) {
    }

    record ImportReport(int lines, long registered, long alreadyRegistered, long refused, List<LineResult> results) {
    }

    /** Comma-separated fields with RFC 4180 quotes ("a, b" and "" for a quote). */
    static final class Csv {

        private Csv() {
        }

        static List<String> fields(String line) {
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(c);
                }
            }
            fields.add(field.toString());
            return fields;
        }
    }
}
