package org.unionledger.api.bench;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.unionledger.api.allocation.AllocationsCityYearPart;
import org.unionledger.api.claim.ClaimsCityYearPart;
import org.unionledger.api.hardship.HardshipCityYearPart;
import org.unionledger.api.hardship.HardshipProperties;
import org.unionledger.api.pool.EnrolmentsCityYearPart;
import org.unionledger.api.subsidy.SubsidiesCityYearPart;
import org.unionledger.core.claim.ClaimEvents.ClaimAwaitingFunds;
import org.unionledger.core.claim.ClaimEvents.ClaimPaid;
import org.unionledger.core.claim.ClaimEvents.ClaimSubmitted;
import org.unionledger.core.fund.FundEvents.ContributionRecorded;
import org.unionledger.core.hardship.AssistanceType;

/**
 * The city-year generator without a ledger: deterministic, every aggregate numbered from 0 without
 * gaps, parts in their planned order, and the sizes the benchmark expects (quick scale, 0.1).
 */
class CityYearGeneratorTest {

    private static final long SEED = 20180701L;

    /** The hardship settings of application.yml. */
    private static final HardshipProperties HARDSHIP = new HardshipProperties(
            List.of("CIVIL_AFFAIRS", "HOUSING", "PUBLIC_SECURITY"), Map.of(),
            Map.of(AssistanceType.LIVING_ALLOWANCE, 600_000L, AssistanceType.MEDICAL_AID, 2_000_000L,
                    AssistanceType.EDUCATION_GRANT, 500_000L, AssistanceType.EMPLOYMENT_AID, 300_000L,
                    AssistanceType.FESTIVAL_CONDOLENCE, 200_000L, AssistanceType.IN_KIND_GOODS, 200_000L));

    private static List<CityYearPart> allParts() {
        // Deliberately out of order: the generator orders parts itself.
        return List.of(new HardshipCityYearPart(HARDSHIP), new AllocationsCityYearPart(), new SubsidiesCityYearPart(),
                new ClaimsCityYearPart(), new EnrolmentsCityYearPart());
    }

    @Test
    void generatesTheSameYearFromTheSameSeed() {
        List<CityYear.GeneratedEvent> first = new ArrayList<>();
        List<CityYear.GeneratedEvent> second = new ArrayList<>();
        new CityYear(SEED, 0.002).generate(allParts(), first::add);
        new CityYear(SEED, 0.002).generate(allParts(), second::add);

        assertThat(second, equalTo(first));
    }

    @Test
    void numbersEveryAggregatesEventsFromZeroWithoutGaps() {
        Map<String, Long> next = new HashMap<>();
        Map<String, String> types = new HashMap<>();
        new CityYear(SEED, 0.002).generate(allParts(), event -> {
            long expected = next.getOrDefault(event.aggregateId(), 0L);
            assertThat(event.aggregateId(), event.sequence(), equalTo(expected));
            next.put(event.aggregateId(), expected + 1);
            String type = types.putIfAbsent(event.aggregateId(), event.aggregateType());
            assertThat(event.aggregateId(), type == null ? event.aggregateType() : type,
                    equalTo(event.aggregateType()));
        });
    }

    @Test
    void scalesCountsGivenForTheFullYearWithoutOverflow() {
        assertThat(new CityYear(SEED, 1.0).scaled(5_000), equalTo(5_000));
        assertThat(new CityYear(SEED, 0.1).scaled(959), equalTo(96));
    }

    @Test
    void tinyYearHasSomethingOfEveryKind() {
        Map<String, Long> byType = new TreeMap<>();
        new CityYear(SEED, 0.002).generate(allParts(), event -> byType.merge(
                event.payload().getClass().getSimpleName(), 1L, Long::sum));
        System.out.println("city-year at scale 0.002: events by type " + byType);
    }

    @Test
    void generatesPartsInPlannedOrderAndRefusesAPartWithoutWhatItNeeds() {
        Map<String, Long> eventsByPart = new CityYear(SEED, 0.002).generate(allParts(), event -> {
        });

        assertThat(new ArrayList<>(eventsByPart.keySet()), contains(CityYear.MONEY, "enrolments", "claims",
                "hardship", "subsidies", "allocations"));
        assertThrows(IllegalStateException.class,
                () -> new CityYear(SEED, 0.002).generate(List.of(new ClaimsCityYearPart()), event -> {
                }));
    }

    /** At quick scale: about 8,000 claims, nine in ten paid, none waiting for the pool's money. */
    @Test
    void quickYearHasTheClaimsTheBenchmarkExpects() {
        Map<String, Long> byType = new TreeMap<>();
        long[] paidFen = {0};
        long[] poolInFen = {0};
        Map<String, Long> eventsByPart = new CityYear(SEED, 0.1).generate(allParts(), event -> {
            byType.merge(event.payload().getClass().getSimpleName(), 1L, Long::sum);
            if (event.payload() instanceof ClaimPaid paid) {
                paidFen[0] += paid.amountFen();
            }
            if (event.payload() instanceof ContributionRecorded contribution
                    && contribution.fundId().equals(CityYear.MUTUAL_AID_FUND)) {
                poolInFen[0] += contribution.amountFen();
            }
        });
        System.out.println("city-year at scale 0.1: events by part " + eventsByPart + ", by type " + byType
                + ", paid " + paidFen[0] + " fen of " + poolInFen[0] + " fen contributed to the pool");

        long claims = byType.get(ClaimSubmitted.class.getSimpleName());
        assertThat(claims, greaterThan(7_000L));
        assertThat(claims, lessThan(9_000L));
        assertThat(byType.get(ClaimPaid.class.getSimpleName()), greaterThan(claims * 85 / 100));
        assertThat(byType.getOrDefault(ClaimAwaitingFunds.class.getSimpleName(), 0L), equalTo(0L));
    }
}
