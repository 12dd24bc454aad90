package org.unionledger.core.pool;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The seed plans against the unions' reports: special serious illness 20 yuan a share for a benefit
 * of up to 10,000 yuan; non-work accident 10 yuan a share, up to 30,000 yuan; maternity a fixed 600
 * yuan per birth, for female members only. Amounts in fen. The inpatient price is a placeholder
 * (not in the reports) and is not checked here.
 */
class SeedPlansTest {

    private static Plan seed(String code) {
        return SeedPlans.all().stream().filter(plan -> plan.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no seed plan " + code));
    }

    @Test
    void everyPoolStartsWithTheFourPlansOfTheReports() {
        List<String> codes = SeedPlans.all().stream().map(Plan::code).toList();
        assertThat(codes, contains(SeedPlans.INPATIENT, SeedPlans.SERIOUS_ILLNESS, SeedPlans.ACCIDENT,
                SeedPlans.MATERNITY));
        SeedPlans.all().forEach(Plan::validated);
    }

    @Test
    void specialSeriousIllnessCosts20YuanAShareAndPaysUpTo10000Yuan() {
        Plan plan = seed(SeedPlans.SERIOUS_ILLNESS);
        assertThat(plan.contributionPerShareFen(), equalTo(2_000L));
        assertThat(plan.benefitCapFen(), equalTo(1_000_000L));
        assertThat(plan.fixedBenefitFen(), equalTo(0L));
        assertThat(plan.femaleOnly(), is(false));
    }

    @Test
    void nonWorkAccidentCosts10YuanAShareAndPaysUpTo30000Yuan() {
        Plan plan = seed(SeedPlans.ACCIDENT);
        assertThat(plan.contributionPerShareFen(), equalTo(1_000L));
        assertThat(plan.benefitCapFen(), equalTo(3_000_000L));
        assertThat(plan.fixedBenefitFen(), equalTo(0L));
        assertThat(plan.femaleOnly(), is(false));
    }

    @Test
    void maternityPaysAFixed600YuanPerBirthToFemaleMembersOnly() {
        Plan plan = seed(SeedPlans.MATERNITY);
        assertThat(plan.fixedBenefitFen(), equalTo(60_000L));
        assertThat(plan.femaleOnly(), is(true));
    }
}
