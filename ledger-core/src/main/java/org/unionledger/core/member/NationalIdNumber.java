package org.unionledger.core.member;

import java.time.DateTimeException;
import java.time.LocalDate;

import org.unionledger.core.pool.Gender;
import org.unionledger.core.rule.BusinessRuleViolation;

/**
 * An 18-character citizen identity number (GB 11643-1999): 6 digits of region, 8 of birth date,
 * 3 of sequence (odd for men, even for women) and a check character computed with ISO 7064
 * MOD 11-2 over the first 17 digits.
 */
public record NationalIdNumber(String value) {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";

    /** Parses and validates; an 'x' check character is accepted and stored upper case. */
    public static NationalIdNumber parse(String text) {
        String value = text == null ? "" : text.strip().toUpperCase();
        BusinessRuleViolation.require(value.matches("[1-9]\\d{16}[\\dX]"), "NATIONAL_ID_MUST_BE_WELL_FORMED",
                "a national ID number is 17 digits and a check digit or X");
        BusinessRuleViolation.require(value.charAt(17) == checkCharacter(value), "NATIONAL_ID_CHECKSUM_MUST_MATCH",
                "the national ID number's check character does not match (GB 11643)");
        BusinessRuleViolation.require(birthDateOf(value) != null, "NATIONAL_ID_BIRTH_DATE_MUST_BE_VALID",
                "the national ID number holds no valid birth date");
        return new NationalIdNumber(value);
    }

    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (BusinessRuleViolation invalid) {
            return false;
        }
    }

    /** The check character for the first 17 digits of {@code digits}. */
    public static char checkCharacter(String digits) {
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            sum += (digits.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS.charAt(sum % 11);
    }

    public LocalDate birthDate() {
        return birthDateOf(value);
    }

    /** The sequence digit is odd for men, even for women. */
    public Gender gender() {
        return (value.charAt(16) - '0') % 2 == 1 ? Gender.MALE : Gender.FEMALE;
    }

    /** For display: region and the last four characters only, e.g. 110101********1234. */
    public String masked() {
        return value.substring(0, 6) + "********" + value.substring(14);
    }

    private static LocalDate birthDateOf(String value) {
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(value.substring(6, 10)),
                    Integer.parseInt(value.substring(10, 12)), Integer.parseInt(value.substring(12, 14)));
            return date.getYear() >= 1900 ? date : null;
        } catch (DateTimeException | NumberFormatException invalid) {
            return null;
        }
    }

    @Override
    public String toString() {
        return masked();
    }
}
