package org.unionledger.api.bench;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.arrayContaining;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;

import org.junit.jupiter.api.Test;

class BenchFiguresTest {

    @Test
    void withoutOnlyEveryFigureIsMeasured() {
        assertThat(BenchFigures.fromArguments("--quick").names(), equalTo(Set.of("P1", "P2", "P3", "P4", "P5", "P6")));
    }

    @Test
    void onlyNamesTheFiguresToMeasureAndIsNotASize() {
        String[] args = {"--quick", "--only=p3,P2"};

        assertThat(BenchFigures.fromArguments(args).names(), equalTo(Set.of("P2", "P3")));
        assertThat(BenchFigures.withoutOnly(args), arrayContaining("--quick"));
        assertThat(BenchSizes.fromArguments(BenchFigures.withoutOnly(args)).name(), equalTo("quick"));
    }

    @Test
    void portalQueriesBringTheInteractiveRunWhoseHalfRateTheyRunAgainst() {
        assertThat(BenchFigures.fromArguments("--only=P4").names(), equalTo(Set.of("P1", "P4")));
    }

    @Test
    void anUnknownFigureIsRefusedByName() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> BenchFigures.fromArguments("--only=P3,P9"));

        assertThat(refused.getMessage(), containsString("unknown figure P9"));
    }
}
