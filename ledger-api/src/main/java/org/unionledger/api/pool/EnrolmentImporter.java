package org.unionledger.api.pool;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.unionledger.api.pool.Enrolments.Planned;
import org.unionledger.core.fund.PayerType;
import org.unionledger.core.pool.CoverageIds;
import org.unionledger.core.pool.Gender;
import org.unionledger.core.pool.Plan;
import org.unionledger.core.pool.PoolCatalogue;
import org.unionledger.core.rule.BusinessRuleViolation;

/**
 * Imports a CSV file of enrolments: every valid line is applied, every bad line is reported with
 * the rule it broke, and a line whose member is already enrolled is skipped, so importing the
 * same file again adds nothing. Lines go in batches of {@link #BATCH_LINES}, each batch one
 * transaction (coverages and money together); a failed batch is retried line by line so one bad
 * line cannot block its neighbours.
 */
@Component
class EnrolmentImporter {

    static final String HEADER =
            "member_id,plan_code,period_id,shares,amount_fen,payer_type,channel,employer_id,gift_fund_id,org_id";
    /** 10 MiB: about 120,000 lines; larger files are sent in parts (scripts/import-enrolments does). */
    static final long FILE_BYTES_MAX = 10L * 1024 * 1024;
    static final int LINE_CHARS_MAX = 1_000;
    static final int BATCH_LINES = 500;
    /** Batches in flight; they share the pool fund's lock, so more workers buy little. */
    static final int WORKERS = 4;
    /** Rejected lines listed in one answer; the counts are always complete. */
    static final int REJECTIONS_LISTED_MAX = 10_000;

    private static final Logger log = LoggerFactory.getLogger(EnrolmentImporter.class);
    private static final int FIELDS = HEADER.split(",").length;

    private final Enrolments enrolments;

    EnrolmentImporter(Enrolments enrolments) {
        this.enrolments = enrolments;
    }

    /**
     * @param firstLineNumber the file line number of the header (1 for a whole file; larger when a
     *                        client sends a big file in parts, each with the header repeated)
     * @param progress        told the number of lines done so far
     */
    ImportReport run(String poolId, InputStream csv, MetaData metadata, int firstLineNumber, LongConsumer progress)
            throws IOException {
        long started = System.nanoTime();
        PoolCatalogue catalogue = enrolments.catalogue(poolId);
        List<Rejection> rejections = Collections.synchronizedList(new ArrayList<>());
        List<Numbered> lines = parse(csv, firstLineNumber, catalogue, rejections);
        LocalDate today = PoolClock.today();
        Counters counters = new Counters();
        counters.done.addAndGet(rejections.size());
        Enrolments.GiftFunds giftFunds = enrolments.giftFunds();
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<?>> batches = new ArrayList<>();
            for (int from = 0; from < lines.size(); from += BATCH_LINES) {
                List<Numbered> batch = lines.subList(from, Math.min(lines.size(), from + BATCH_LINES));
                batches.add(workers.submit(() -> {
                    importBatch(catalogue, batch, today, metadata, giftFunds, counters, rejections);
                    progress.accept(counters.done.addAndGet(batch.size()));
                }));
            }
            for (Future<?> batch : batches) {
                batch.get();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("import interrupted", interrupted);
        } catch (java.util.concurrent.ExecutionException failed) {
            throw new IllegalStateException("import failed", failed.getCause());
        } finally {
            workers.shutdownNow();
        }
        rejections.sort((a, b) -> Integer.compare(a.line(), b.line()));
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        long total = lines.size() + countParseRejections(rejections, lines);
        ImportReport report = new ImportReport(poolId, total, counters.applied.get(), counters.already.get(),
                rejections.size(), counters.events.get(), Math.round(seconds * 1000),
                Math.round(total / seconds), Math.round(counters.events.get() / seconds),
                counters.batchesRetried.get(), rejections.size() > REJECTIONS_LISTED_MAX,
                List.copyOf(rejections.subList(0, Math.min(rejections.size(), REJECTIONS_LISTED_MAX))));
        log.info("Enrolment import into {}: {} lines, {} applied, {} already enrolled, {} rejected, {} events in "
                        + "{} ms ({} lines/s, {} events/s)", poolId, total, report.applied(), report.alreadyEnrolled(),
                report.rejected(), report.eventsWritten(), report.elapsedMs(), report.linesPerSecond(),
                report.eventsPerSecond());
        return report;
    }

    private static long countParseRejections(List<Rejection> rejections, List<Numbered> parsed) {
        // Lines refused while reading never reached the batches, so they are added to the total here.
        return rejections.stream().filter(Rejection::beforeSending).count();
    }

    private void importBatch(PoolCatalogue catalogue, List<Numbered> batch, LocalDate today, MetaData metadata,
                             Enrolments.GiftFunds giftFunds, Counters counters, List<Rejection> rejections) {
        Set<String> existing = enrolments.existing(batch.stream().map(Numbered::coverageId).toList());
        Map<String, Enrolments.Registered> directory = enrolments.registered(
                batch.stream().map(n -> n.line().memberId()).toList());
        Map<Numbered, Planned> planned = new java.util.LinkedHashMap<>();
        for (Numbered numbered : batch) {
            if (existing.contains(numbered.coverageId())) {
                counters.already.incrementAndGet();
                continue;
            }
            try {
                Enrolments.Registered member = directory.get(numbered.line().memberId());
                EnrolmentLine line = member == null ? numbered.line() : member.placed(numbered.line());
                Gender gender = member == null ? Gender.UNKNOWN : member.gender();
                planned.put(numbered, enrolments.plan(catalogue, line, gender, today, metadata, giftFunds));
            } catch (BusinessRuleViolation broken) {
                rejections.add(Rejection.of(numbered, broken.code(), broken.getMessage(), false));
            }
        }
        if (planned.isEmpty()) {
            return;
        }
        try {
            enrolments.applyAll(planned.values());
            counters.applied.addAndGet(planned.size());
            counters.events.addAndGet(planned.values().stream().mapToInt(Planned::events).sum());
        } catch (RuntimeException batchFailed) {
            counters.batchesRetried.incrementAndGet();
            log.info("Batch of {} enrolments failed ({}); applying line by line", planned.size(),
                    batchFailed.toString());
            planned.forEach((numbered, one) -> applyAlone(numbered, one, counters, rejections));
        }
    }

    private void applyAlone(Numbered numbered, Planned planned, Counters counters, List<Rejection> rejections) {
        try {
            enrolments.applyAll(List.of(planned));
            counters.applied.incrementAndGet();
            counters.events.addAndGet(planned.events());
        } catch (RuntimeException failed) {
            if (Enrolments.isDuplicate(failed)) {
                counters.already.incrementAndGet();
                return;
            }
            BusinessRuleViolation broken = ruleOf(failed);
            if (broken != null) {
                rejections.add(Rejection.of(numbered, broken.code(), broken.getMessage(), false));
            } else {
                log.warn("Enrolment line {} failed", numbered.number(), failed);
                rejections.add(Rejection.of(numbered, "LINE_FAILED", String.valueOf(failed.getMessage()), false));
            }
        }
    }

    private static BusinessRuleViolation ruleOf(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof BusinessRuleViolation broken) {
                return broken;
            }
            if (cause instanceof org.axonframework.commandhandling.CommandExecutionException executed
                    && executed.getDetails().orElse(null) instanceof Map<?, ?> details
                    && details.get("code") instanceof String code) {
                return new BusinessRuleViolation(code, executed.getMessage());
            }
            if (cause instanceof org.axonframework.modelling.command.AggregateNotFoundException missing) {
                return new BusinessRuleViolation("FUND_MUST_EXIST", "no fund " + missing.getAggregateIdentifier());
            }
        }
        return null;
    }

    /** Reads and checks the shape of every line; a malformed line is a rejection, never a crash. */
    private List<Numbered> parse(InputStream csv, int firstLineNumber, PoolCatalogue catalogue,
                                 List<Rejection> rejections) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8));
        String header = reader.readLine();
        if (header != null && header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        BusinessRuleViolation.require(header != null && header.strip().toLowerCase(Locale.ROOT).equals(HEADER),
                "IMPORT_HEADER_MUST_MATCH", "the first line must be: " + HEADER);
        List<Numbered> lines = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int number = firstLineNumber;
        for (String text = reader.readLine(); text != null; text = reader.readLine()) {
            number++;
            if (text.isBlank()) {
                continue;
            }
            try {
                EnrolmentLine line = parseLine(text);
                catalogue.plan(line.planCode());
                catalogue.period(line.periodId());
                String coverageId = CoverageIds.of(catalogue.poolId(), line.planCode(), line.periodId(),
                        line.memberId());
                Integer first = seen.putIfAbsent(coverageId, number);
                BusinessRuleViolation.require(first == null, Enrolments.DUPLICATE,
                        "line " + number + " repeats the enrolment of line " + first);
                lines.add(new Numbered(number, text, line, coverageId));
            } catch (BusinessRuleViolation broken) {
                rejections.add(new Rejection(number, memberIdOf(text), broken.code(), broken.getMessage(),
                        truncate(text), true));
            }
        }
        return lines;
    }

    static EnrolmentLine parseLine(String text) {
        BusinessRuleViolation.require(text.length() <= LINE_CHARS_MAX, "IMPORT_LINE_MALFORMED",
                "a line has at most " + LINE_CHARS_MAX + " characters");
        String[] fields = text.split(",", -1);
        BusinessRuleViolation.require(fields.length == FIELDS, "IMPORT_LINE_MALFORMED",
                "expected " + FIELDS + " comma-separated fields, found " + fields.length);
        for (int i = 0; i < fields.length; i++) {
            fields[i] = fields[i].strip();
        }
        return new EnrolmentLine(fields[0], fields[1], fields[2], integer(fields[3], "shares"),
                longInteger(fields[4], "amount_fen"), payerType(fields[5]), fields[6], fields[7], fields[8], fields[9]);
    }

    private static int integer(String text, String field) {
        long value = longInteger(text, field);
        BusinessRuleViolation.require(value >= 0 && value <= Plan.SHARES_MAX_LIMIT, "IMPORT_LINE_MALFORMED",
                field + " must be a whole number from 0 to " + Plan.SHARES_MAX_LIMIT);
        return (int) value;
    }

    private static long longInteger(String text, String field) {
        BusinessRuleViolation.require(text.matches("-?\\d{1,15}"), "IMPORT_LINE_MALFORMED",
                field + " must be a whole number (amounts in fen), was '" + truncate(text) + "'");
        return Long.parseLong(text);
    }

    private static PayerType payerType(String text) {
        try {
            return PayerType.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new BusinessRuleViolation("IMPORT_LINE_MALFORMED",
                    "payer_type must be MEMBER, EMPLOYER or UNION, was '" + truncate(text) + "'");
        }
    }

    private static String memberIdOf(String text) {
        int comma = text.indexOf(',');
        return truncate(comma < 0 ? text : text.substring(0, comma));
    }

    private static String truncate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    private static final class Counters {
        final AtomicLong done = new AtomicLong();
        final AtomicLong applied = new AtomicLong();
        final AtomicLong already = new AtomicLong();
        final AtomicLong events = new AtomicLong();
        final AtomicLong batchesRetried = new AtomicLong();
    }

    /** A parsed line and where it was in the file. */
    record Numbered(int number, String text, EnrolmentLine line, String coverageId) {
    }

    /**
     * A line that was not applied, and why.
     *
     * @param beforeSending the line was refused while reading the file (malformed, repeated)
     */
    record Rejection(int line, String memberId, String code, String message, String original,
                     boolean beforeSending) {

        static Rejection of(Numbered numbered, String code, String message, boolean beforeSending) {
            return new Rejection(numbered.number(), numbered.line().memberId(), code, message,
                    truncate(numbered.text()), beforeSending);
        }
    }

    /**
     * What an import did. Lines = applied + alreadyEnrolled + rejected.
     *
     * @param alreadyEnrolled lines whose member was already enrolled in that plan and period (a re-run)
     */
    record ImportReport(String poolId, long lines, long applied, long alreadyEnrolled, long rejected,
                        long eventsWritten, long elapsedMs, long linesPerSecond, long eventsPerSecond,
                        long batchesRetriedLineByLine, boolean rejectionsTruncated, List<Rejection> rejections) {
    }
}
