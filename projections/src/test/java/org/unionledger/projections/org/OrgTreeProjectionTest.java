package org.unionledger.projections.org;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionledger.core.org.OrgEvents.OrganisationRegistered;
import org.unionledger.core.org.OrgLevel;
import org.unionledger.projections.support.TestDatabase;

class OrgTreeProjectionTest {

    private final OrgTreeProjection projection = new OrgTreeProjection(TestDatabase.dsl());
    private String city;
    private String district;
    private String grassroots;

    @BeforeEach
    void aTree() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        city = "city_" + run;
        district = "d_" + run;
        grassroots = "g_" + run;
        projection.on(new OrganisationRegistered(city, "City", OrgLevel.CITY_FEDERATION, null), Instant.now());
        projection.on(new OrganisationRegistered(district, "District", OrgLevel.DISTRICT, city), Instant.now());
        projection.on(new OrganisationRegistered(grassroots, "Plant", OrgLevel.GRASSROOTS, district), Instant.now());
    }

    @Test
    void keepsThePathFromTheRoot() {
        OrgView view = projection.handle(new OrgQuery(grassroots));
        assertThat(view.path(), contains(city, district, grassroots));
        assertThat(view.depth(), equalTo(2));
        assertThat(view.level(), equalTo(OrgLevel.GRASSROOTS));
    }

    @Test
    void listsASubtreeRootFirst() {
        OrgSubtreeView subtree = projection.handle(new OrgSubtreeQuery(district, 100));
        assertThat(subtree.organisations().stream().map(OrgView::orgId).toList(), contains(district, grassroots));
    }

    @Test
    void answersWhetherAnOrganisationIsInsideASubtree() {
        assertThat(projection.handle(new OrgInSubtreeQuery(grassroots, city)), is(true));
        assertThat(projection.handle(new OrgInSubtreeQuery(district, district)), is(true));
        assertThat(projection.handle(new OrgInSubtreeQuery(city, district)), is(false));
    }

    @Test
    void underscoresInIdsAreNoWildcards() {
        String lookalike = city.replace('_', 'x');
        projection.on(new OrganisationRegistered(lookalike, "Other city", OrgLevel.CITY_FEDERATION, null),
                Instant.now());
        assertThat(projection.handle(new OrgInSubtreeQuery(lookalike, city)), is(false));
    }

    @Test
    void aReplayedRegistrationChangesNothing() {
        projection.on(new OrganisationRegistered(grassroots, "Plant", OrgLevel.GRASSROOTS, district), Instant.now());
        assertThat(projection.handle(new OrgSubtreeQuery(city, 100)).organisations().size(), equalTo(3));
    }
}
