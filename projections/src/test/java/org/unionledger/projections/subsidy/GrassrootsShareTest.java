package org.unionledger.projections.subsidy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.comparesEqualTo;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionledger.core.fund.FundEvents.AllocationClawbackStarted;
import org.unionledger.core.fund.FundEvents.AllocationReceived;
import org.unionledger.core.fund.FundEvents.ReservationDisbursed;
import org.unionledger.core.fund.ReservationPurpose;
import org.unionledger.core.org.OrgEvents.OrganisationRegistered;
import org.unionledger.core.org.OrgLevel;
import org.unionledger.core.subsidy.PaymentMethod;
import org.unionledger.core.subsidy.SubsidyEvents.SubsidyPaid;
import org.unionledger.projections.org.OrgTreeProjection;
import org.unionledger.projections.support.TestDatabase;

class GrassrootsShareTest {

    private final OrgTreeProjection tree = new OrgTreeProjection(TestDatabase.dsl());
    private final MoneyReachProjection reach = new MoneyReachProjection(TestDatabase.dsl());
    private String city;
    private String district;
    private String grassroots;

    @BeforeEach
    void aTree() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        city = "city-" + run;
        district = "d-" + run;
        grassroots = "g-" + run;
        tree.on(new OrganisationRegistered(city, "City", OrgLevel.CITY_FEDERATION, null), Instant.now());
        tree.on(new OrganisationRegistered(district, "District", OrgLevel.DISTRICT, city), Instant.now());
        tree.on(new OrganisationRegistered(grassroots, "Plant", OrgLevel.GRASSROOTS, district), Instant.now());
    }

    private SubsidyPaid paidTo(String memberOrg, String member, long amountFen) {
        return new SubsidyPaid("p-" + city, district, "a-" + member, "sub:p:" + member + city, member, memberOrg,
                amountFen, "subsidy:p", PaymentMethod.CASH, "R", LocalDate.of(2026, 3, 1));
    }

    @Test
    void countsMoneyArrivingAtTheGrassrootsOverMoneyLeavingUpperLevels() {
        // Passed between upper levels: not counted (it is counted when it leaves them).
        reach.on(new AllocationReceived("d-fund", district, "a-" + city, "c-fund", city, 1_000_000), Instant.now());
        // Allocated straight to a grassroots fund: reached the grassroots.
        reach.on(new AllocationReceived("g-fund", grassroots, "b-" + city, "c-fund", city, 100_000), Instant.now());
        // Grants paid by the district: one to a grassroots member, one to a district-office member.
        reach.on(paidTo(grassroots, "m-1", 250_000), Instant.now());
        reach.on(paidTo(district, "m-2", 250_000), Instant.now());
        // Another payout of the city fund itself stays at the city.
        reach.on(new ReservationDisbursed("c-fund", city, "r-" + city, 100_000, ReservationPurpose.OTHER, null,
                "B-1", LocalDate.of(2026, 3, 1)), Instant.now());

        GrassrootsShareView share = reach.handle(new GrassrootsShareQuery(city));

        assertThat(share.totalFen(), equalTo(700_000L));
        assertThat(share.grassrootsFen(), equalTo(350_000L));
        assertThat(share.sharePercent(), comparesEqualTo(new BigDecimal("50.00")));
        GrassrootsShareView districtOnly = reach.handle(new GrassrootsShareQuery(district));
        assertThat(districtOnly.totalFen(), equalTo(500_000L));
        assertThat(districtOnly.grassrootsFen(), equalTo(250_000L));
    }

    @Test
    void aClawbackTakesBackWhatReachedTheGrassroots() {
        reach.on(new AllocationReceived("g-fund", grassroots, "b-" + city, "c-fund", city, 100_000), Instant.now());
        reach.on(new AllocationClawbackStarted("g-fund", grassroots, "b-" + city, "cb-" + city, 40_000, "c-fund", city,
                "period end"), Instant.now());
        reach.on(new AllocationClawbackStarted("g-fund", grassroots, "b-" + city, "cb-" + city, 40_000, "c-fund", city,
                "period end"), Instant.now());

        assertThat(reach.handle(new GrassrootsShareQuery(city)).grassrootsFen(), equalTo(60_000L));
    }
}
