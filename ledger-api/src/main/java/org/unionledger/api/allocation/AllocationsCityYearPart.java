package org.unionledger.api.allocation;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.springframework.stereotype.Component;
import org.unionledger.api.bench.CityYear;
import org.unionledger.api.bench.CityYearPart;
import org.unionledger.core.fund.FundEvents.AllocationAccepted;
import org.unionledger.core.fund.FundEvents.AllocationReceived;
import org.unionledger.core.fund.FundEvents.AllocationSent;
import org.unionledger.core.fund.FundEvents.ContributionRecorded;
import org.unionledger.core.fund.FundEvents.FundsReserved;
import org.unionledger.core.fund.PayerType;
import org.unionledger.core.fund.ReservationPurpose;

/**
 * The city-year's allocations down the tree (benchmark data, docs/PERFORMANCE.md): the city's
 * general fund receives the year's budget from the provincial federation and allocates it to the
 * twelve district general funds; each district passes money on to about three in ten of its
 * grassroots unions (1,500 allocations at scale 1.0, 200 to 2,000 yuan each) and keeps a tenth.
 * Each allocation is what the ledger stores: the source's reservation (the request), then the
 * allocation policy's three steps, each its own transaction: the target accepts, the source
 * sends, the target receives. The policy handles the loaded events once more and finds every step
 * done. Nothing is clawed back or refused.
 */
@Component
public class AllocationsCityYearPart implements CityYearPart {

    static final String CITY_FUND = CityYear.CITY + "-general";
    /** Grassroots unions a district allocates to, per 100. */
    static final int GRASSROOTS_PER_100 = 30;

    @Override
    public String name() {
        return "allocations";
    }

    @Override
    public void generate(CityYear year, SplittableRandom random, CityYear.Events events) {
        List<List<Allocation>> byDistrict = new ArrayList<>();
        for (int d = 0; d < CityYear.DISTRICTS; d++) {
            byDistrict.add(new ArrayList<>());
        }
        for (int g = 0; g < year.grassrootsUnions(); g++) {
            if (random.nextInt(100) < GRASSROOTS_PER_100) {
                String org = year.grassrootsOrg(g);
                int district = year.districtOf(g);
                byDistrict.get(district).add(new Allocation("alloc-2018-" + year.districtOrg(district) + "-" + org,
                        year.districtOrg(district) + "-general", year.districtOrg(district), org + "-general", org,
                        20_000 + 1_000L * random.nextInt(181)));
            }
        }
        List<Allocation> toDistricts = new ArrayList<>();
        long budgetFen = 0;
        for (int d = 0; d < CityYear.DISTRICTS; d++) {
            long passedOnFen = byDistrict.get(d).stream().mapToLong(Allocation::amountFen).sum();
            long amountFen = Math.max(100_000, passedOnFen + passedOnFen / 10);
            String district = year.districtOrg(d);
            toDistricts.add(new Allocation("alloc-2018-city-" + district, CITY_FUND, CityYear.CITY,
                    district + "-general", district, amountFen));
            budgetFen += amountFen;
        }
        events.emit("Fund", CITY_FUND, new ContributionRecorded(CITY_FUND, CityYear.CITY, "city-budget-2018",
                budgetFen, PayerType.HIGHER_LEVEL_UNION, "transfer", CityYear.PERIOD_START.plusDays(1),
                "yearly budget from the provincial federation", null));
        toDistricts.forEach(allocation -> allocate(events, allocation));
        byDistrict.forEach(allocations -> allocations.forEach(allocation -> allocate(events, allocation)));
    }

    /** POST /allocations (the source reserves), then the allocation policy: accept, send, receive. */
    private static void allocate(CityYear.Events events, Allocation a) {
        String step = "city-year:" + a.allocationId();
        CityYear.Actor finance = CityYear.Actor.FINANCE;
        events.emit("Fund", a.sourceFundId(), new FundsReserved(a.sourceFundId(), a.sourceOrgId(), a.allocationId(),
                a.amountFen(), ReservationPurpose.ALLOCATION, a.targetFundId()), finance, step);
        events.emit("Fund", a.targetFundId(), new AllocationAccepted(a.targetFundId(), a.targetOrgId(),
                a.allocationId(), a.sourceFundId(), a.sourceOrgId(), a.amountFen()), finance, step);
        events.emit("Fund", a.sourceFundId(), new AllocationSent(a.sourceFundId(), a.sourceOrgId(), a.allocationId(),
                a.amountFen(), a.targetFundId(), a.targetOrgId()), finance, step);
        events.emit("Fund", a.targetFundId(), new AllocationReceived(a.targetFundId(), a.targetOrgId(),
                a.allocationId(), a.sourceFundId(), a.sourceOrgId(), a.amountFen()), finance, step);
    }

    private record Allocation(String allocationId, String sourceFundId, String sourceOrgId, String targetFundId,
                              String targetOrgId, long amountFen) {
    }
}
