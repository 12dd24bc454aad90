package org.unionledger.api.security;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/** The firewall's predicates accept exactly what Spring Security's own patterns accept. */
class HeaderCharactersTest {

    @Test
    void headerNamesAreAcceptedExactlyAsByTheFirewallsPatternForEveryCodePoint() {
        assertSameForEveryCodePoint(HeaderCharacters.ASSIGNED_NOT_CONTROL, StrictHttpFirewall.ALLOWED_HEADER_NAMES);
    }

    @Test
    void headerValuesAreAcceptedExactlyAsByTheFirewallsPatternForEveryCodePoint() {
        assertSameForEveryCodePoint(HeaderCharacters.ASSIGNED_NOT_CONTROL_OR_TAB,
                StrictHttpFirewall.ALLOWED_HEADER_VALUES);
    }

    @Test
    void parameterNamesAreAcceptedExactlyAsByTheFirewallsPatternForEveryCodePoint() {
        assertSameForEveryCodePoint(HeaderCharacters.ASSIGNED_NOT_CONTROL, StrictHttpFirewall.ALLOWED_PARAMETER_NAMES);
    }

    @Test
    void loneSurrogatesEmptyTextAndMixedTextAreJudgedAsByThePatterns() {
        for (String text : new String[] {"", "Basic ZmluYW5jZTpsZWRnZXI=", "a\uD800b", "\uDC00", "\uD83D\uDE00x",
                "tab\there", "bell\u0007", "del\u007F", "nbsp\u00A0", "c1\u0085", "unassigned\u0378"}) {
            assertThat(text, HeaderCharacters.ASSIGNED_NOT_CONTROL.test(text),
                    equalTo(StrictHttpFirewall.ALLOWED_HEADER_NAMES.test(text)));
            assertThat(text, HeaderCharacters.ASSIGNED_NOT_CONTROL_OR_TAB.test(text),
                    equalTo(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(text)));
        }
    }

    private static void assertSameForEveryCodePoint(Predicate<String> ours, Predicate<String> springs) {
        int differences = 0;
        String first = "";
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String text = "x" + Character.toString(codePoint) + "y";
            if (ours.test(text) != springs.test(text)) {
                differences++;
                first = first.isEmpty() ? Integer.toHexString(codePoint) : first;
            }
        }
        assertThat("code points judged differently, first U+" + first, differences, equalTo(0));
    }
}
