package org.unionledger.core.claim;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.unionledger.core.rule.RuleMatchers.ruleViolation;

import java.time.LocalDate;

import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionledger.core.claim.ClaimCommands.RegisterClaimKey;
import org.unionledger.core.claim.ClaimEvents.ClaimKeyRegistered;

class ClaimKeyRegistrationTest {

    private static final LocalDate BORN = LocalDate.of(2019, 1, 5);

    private FixtureConfiguration<ClaimKeyRegistration> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ClaimKeyRegistration.class);
    }

    @Test
    void registersAnInvoiceForAClaim() {
        fixture.givenNoPriorActivity()
                .when(new RegisterClaimKey(ClaimIds.invoiceKey("fp 2018-0001"), "claim-1"))
                .expectEvents(new ClaimKeyRegistered("invoice:FP20180001", "claim-1"));
    }

    @Test
    void registersABirthForAMaternityClaim() {
        fixture.givenNoPriorActivity()
                .when(new RegisterClaimKey(ClaimIds.birthKey("m-1", BORN), "claim-1"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ClaimKeyRegistered("birth:m-1:2019-01-05", "claim-1"));
    }

    /**
     * ONE_MATERNITY_BENEFIT_PER_BIRTH: a second claim for the same birth derives the same key, whatever
     * its claim id, and a key is created once only (the event store refuses a second stream; the API
     * reports the rule's code).
     */
    @Test
    void aSecondClaimForTheSameBirthCannotRegisterItAgain() {
        String birth = ClaimIds.birthKey("m-1", BORN);
        assertThat(ClaimIds.birthKey("m-1", LocalDate.parse("2019-01-05")), is(birth));

        fixture.given(new ClaimKeyRegistered(birth, "claim-1"))
                .when(new RegisterClaimKey(birth, "claim-2"))
                .expectException(EventStoreException.class)
                .expectNoEvents();
    }

    @Test
    void anotherBirthOrAnotherMemberIsAnotherKey() {
        String birth = ClaimIds.birthKey("m-1", BORN);
        assertThat(ClaimIds.birthKey("m-1", BORN.plusYears(2)), is(not(birth)));
        assertThat(ClaimIds.birthKey("m-2", BORN), is(not(birth)));

        fixture.givenNoPriorActivity()
                .when(new RegisterClaimKey(ClaimIds.birthKey("m-1", BORN.plusYears(2)), "claim-2"))
                .expectEvents(new ClaimKeyRegistered("birth:m-1:2021-01-05", "claim-2"));
    }

    @Test
    void refusesAKeyThatIsNotDerived() {
        fixture.givenNoPriorActivity()
                .when(new RegisterClaimKey("anything", "claim-1"))
                .expectException(ruleViolation("CLAIM_KEY_MUST_BE_DERIVED"));
    }

    @Test
    void invoiceNumbersAreComparedWithoutCaseSpacesOrPunctuation() {
        assertThat(ClaimIds.invoiceKey("fp 2018-0001"), is(ClaimIds.invoiceKey("FP20180001")));
        assertThat(ClaimIds.birthKey("m-1", LocalDate.of(2019, 1, 5)), is("birth:m-1:2019-01-05"));
        assertThat(ClaimIds.reservationId("c-1", 1), is("claim:c-1"));
        assertThat(ClaimIds.reservationId("c-1", 2), is("claim:c-1:2"));
    }
}
