package org.unionledger.api.security;

import java.util.function.Predicate;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's firewall rules for header and parameter text, without a regular expression.
 * {@link StrictHttpFirewall} checks every header name and value each time anything reads it, with
 * {@code [\p{IsAssigned}&&[^\p{IsControl}]]*} (a tab is allowed in values): about a tenth of a
 * request thread's CPU in P1, as the same few headers are read again and again through the chain
 * (docs/PERFORMANCE.md, setting 38). These predicates accept exactly what those patterns accept:
 * every code point assigned in Unicode and not a control character, plus the tab in values.
 */
final class HeaderCharacters {

    /** Header and parameter names: assigned, no control characters (parameter values: any, as by default). */
    static final Predicate<String> ASSIGNED_NOT_CONTROL = text -> allowed(text, false);
    /** Header values: the same, and a tab. */
    static final Predicate<String> ASSIGNED_NOT_CONTROL_OR_TAB = text -> allowed(text, true);

    private HeaderCharacters() {
    }

    /** The firewall Spring Security uses by default, with these predicates in place of its patterns. */
    static StrictHttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(ASSIGNED_NOT_CONTROL);
        firewall.setAllowedHeaderValues(ASSIGNED_NOT_CONTROL_OR_TAB);
        firewall.setAllowedParameterNames(ASSIGNED_NOT_CONTROL);
        return firewall;
    }

    static boolean allowed(String text, boolean tabAllowed) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                i++;
                continue;
            }
            int codePoint = text.codePointAt(i);
            int type = Character.getType(codePoint);
            boolean allowed = (tabAllowed && codePoint == '\t')
                    || (type != Character.UNASSIGNED && type != Character.CONTROL);
            if (!allowed) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
