package org.unionledger.api.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints one line per figure, {@code name value unit}, and keeps them for the caller (tests). */
final class Figures {

    private final PrintStream out;
    private final Map<String, Double> values = new LinkedHashMap<>();
    private final List<String> notMeasured = new ArrayList<>();

    Figures(PrintStream out) {
        this.out = out;
    }

    void print(String name, double value, String unit) {
        values.put(name, value);
        out.println(name + " " + format(value) + " " + unit);
        out.flush();
    }

    /** A figure that cannot be measured yet (its feature is missing): never a made-up number. */
    void notMeasured(String name, String reason) {
        notMeasured.add(name);
        out.println(name + " not-measured reason=" + reason);
        out.flush();
    }

    /** A progress note, kept apart from the figures (stderr). */
    static void note(String text) {
        System.err.println("# " + text);
        System.err.flush();
    }

    Map<String, Double> values() {
        return values;
    }

    List<String> notMeasured() {
        return notMeasured;
    }

    static double median(List<Double> samples) {
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 100 ? "%.0f" : magnitude >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, value);
    }

    static String join(double... values) {
        return String.join(",", Arrays.stream(values).mapToObj(Figures::format).toList());
    }
}
