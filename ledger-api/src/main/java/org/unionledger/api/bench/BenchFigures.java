package org.unionledger.api.bench;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which figures a run measures: all of them, or those named by {@code --only=P2,P3} (for working
 * on one figure; the city-year is loaded either way). P4 runs P1 at half its measured maximum, so
 * asking for P4 measures P1 too.
 */
record BenchFigures(Set<String> names) {

    static final List<String> ALL = List.of("P1", "P2", "P3", "P4", "P5", "P6");
    private static final String ONLY = "--only=";

    static BenchFigures all() {
        return new BenchFigures(Set.copyOf(ALL));
    }

    static BenchFigures fromArguments(String... args) {
        BenchFigures figures = all();
        for (String arg : args) {
            if (arg.startsWith(ONLY)) {
                Set<String> names = new LinkedHashSet<>();
                for (String name : arg.substring(ONLY.length()).split(",")) {
                    String figure = name.trim().toUpperCase(java.util.Locale.ROOT);
                    if (!ALL.contains(figure)) {
                        throw new IllegalArgumentException("unknown figure " + name + " in " + arg + " (use "
                                + String.join(",", ALL) + ")");
                    }
                    names.add(figure);
                }
                if (names.contains("P4")) {
                    names.add("P1");
                }
                figures = new BenchFigures(Set.copyOf(names));
            }
        }
        return figures;
    }

    static String[] withoutOnly(String... args) {
        return Arrays.stream(args).filter(arg -> !arg.startsWith(ONLY)).toArray(String[]::new);
    }

    boolean includes(String figure) {
        return names.contains(figure);
    }
}
