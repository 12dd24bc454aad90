package org.unionledger.core.member;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.unionledger.core.pool.Gender;
import org.unionledger.core.rule.BusinessRuleViolation;

class NationalIdNumberTest {

    @ParameterizedTest(name = "{0} is valid: {1}, {2}, {3}")
    @CsvSource({
            "11010519491231002X, FEMALE, 1949-12-31, 110105********002X",
            "11010519491231002x, FEMALE, 1949-12-31, 110105********002X",
            "110101199003070011, MALE,   1990-03-07, 110101********0011",
            "440524198001010013, MALE,   1980-01-01, 440524********0013",
    })
    void acceptsValidNumbersAndDerivesGenderAndBirthDate(String text, Gender gender, LocalDate birthDate,
                                                         String masked) {
        NationalIdNumber id = NationalIdNumber.parse(text);
        assertThat(id.gender(), is(gender));
        assertThat(id.birthDate(), is(birthDate));
        assertThat(id.masked(), is(masked));
    }

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource({
            "110105194912310021, NATIONAL_ID_CHECKSUM_MUST_MATCH",
            "110101199003070016, NATIONAL_ID_CHECKSUM_MUST_MATCH",
            "11010519491231002,  NATIONAL_ID_MUST_BE_WELL_FORMED",
            "0101051949123100X2, NATIONAL_ID_MUST_BE_WELL_FORMED",
            "11010519491231A02X, NATIONAL_ID_MUST_BE_WELL_FORMED",
            "'',                 NATIONAL_ID_MUST_BE_WELL_FORMED",
    })
    void refusesMalformedNumbersAndWrongChecksums(String text, String code) {
        BusinessRuleViolation violation = assertThrows(BusinessRuleViolation.class, () -> NationalIdNumber.parse(text));
        assertThat(violation.code(), is(code));
    }

    @ParameterizedTest
    @CsvSource({"1101011990130700", "1101011990023000"})
    void refusesImpossibleBirthDatesEvenWithAMatchingCheckCharacter(String first16) {
        String first17 = first16 + "1";
        String text = first17 + NationalIdNumber.checkCharacter(first17);
        BusinessRuleViolation violation = assertThrows(BusinessRuleViolation.class, () -> NationalIdNumber.parse(text));
        assertThat(violation.code(), equalTo("NATIONAL_ID_BIRTH_DATE_MUST_BE_VALID"));
    }
}
