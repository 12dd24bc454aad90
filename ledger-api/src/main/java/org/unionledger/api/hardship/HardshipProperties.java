package org.unionledger.api.hardship;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.unionledger.core.hardship.AssistanceType;

/**
 * Hardship relief settings (ledger.hardship). They are copied into each case when it is registered
 * (or re-enters hardship), so a later change applies to new cases, never rewrites old ones.
 *
 * @param requiredChecks    departments that must each pass a check before a household is verified
 * @param orgRequiredChecks per organisation, a list replacing {@code requiredChecks}
 * @param yearlyCapsFen     per assistance type, the most one household may be granted in a year;
 *                          a type not listed has no cap beyond the fund's money
 */
@ConfigurationProperties("ledger.hardship")
public record HardshipProperties(
        @DefaultValue({"CIVIL_AFFAIRS", "HOUSING", "PUBLIC_SECURITY"}) List<String> requiredChecks,
        @DefaultValue Map<String, List<String>> orgRequiredChecks,
        @DefaultValue Map<AssistanceType, Long> yearlyCapsFen) {

    public List<String> requiredChecksFor(String orgId) {
        return orgRequiredChecks.getOrDefault(orgId, requiredChecks);
    }
}
