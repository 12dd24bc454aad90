package org.unionledger.core.org;

import static org.unionledger.core.rule.RuleMatchers.ruleViolation;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionledger.core.org.OrgCommands.RegisterOrganisation;
import org.unionledger.core.org.OrgEvents.OrganisationRegistered;

class OrganisationTest {

    private FixtureConfiguration<Organisation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Organisation.class);
    }

    @Test
    void registersACityFederationWithoutParent() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganisation("city", " City Federation ", OrgLevel.CITY_FEDERATION, null, null))
                .expectEvents(new OrganisationRegistered("city", "City Federation", OrgLevel.CITY_FEDERATION, null));
    }

    @Test
    void registersADistrictUnderTheCity() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganisation("d-1", "District 1", OrgLevel.DISTRICT, "city",
                        OrgLevel.CITY_FEDERATION))
                .expectEvents(new OrganisationRegistered("d-1", "District 1", OrgLevel.DISTRICT, "city"));
    }

    @Test
    void aGrassrootsUnionMaySitDirectlyUnderADistrict() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganisation("g-1", "Plant union", OrgLevel.GRASSROOTS, "d-1", OrgLevel.DISTRICT))
                .expectEvents(new OrganisationRegistered("g-1", "Plant union", OrgLevel.GRASSROOTS, "d-1"));
    }

    @Test
    void refusesAChildNotBelowItsParent() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganisation("d-2", "District 2", OrgLevel.DISTRICT, "d-1", OrgLevel.DISTRICT))
                .expectException(ruleViolation("CHILD_LEVEL_MUST_BE_BELOW_PARENT"))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganisation("t-1", "Township", OrgLevel.TOWNSHIP, "g-1", OrgLevel.GRASSROOTS))
                .expectException(ruleViolation("CHILD_LEVEL_MUST_BE_BELOW_PARENT"))
                .expectNoEvents();
    }

    @Test
    void refusesAnUnknownParent() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganisation("d-1", "District 1", OrgLevel.DISTRICT, "nowhere", null))
                .expectException(ruleViolation("PARENT_ORG_MUST_EXIST"))
                .expectNoEvents();
    }

    @Test
    void refusesAnOrganisationBelowTheCityWithoutParent() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganisation("d-1", "District 1", OrgLevel.DISTRICT, null, null))
                .expectException(ruleViolation("ORG_MUST_HAVE_PARENT"))
                .expectNoEvents();
    }

    @Test
    void refusesAnOrganisationAsItsOwnParent() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganisation("d-1", "District 1", OrgLevel.DISTRICT, "d-1", OrgLevel.DISTRICT))
                .expectException(ruleViolation("ORG_CANNOT_BE_ITS_OWN_PARENT"))
                .expectNoEvents();
    }

    @Test
    void refusesAMissingNameOrLevel() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganisation("d-1", " ", OrgLevel.DISTRICT, "city", OrgLevel.CITY_FEDERATION))
                .expectException(ruleViolation("ORG_NAME_REQUIRED"));
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganisation("d-1", "District", null, "city", OrgLevel.CITY_FEDERATION))
                .expectException(ruleViolation("ORG_LEVEL_REQUIRED"));
    }
}
