package org.unionledger.api.audit;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the audit trail (ledger.audit.*).
 *
 * @param chainerEnabled  append the hash chain in this process (several nodes may: one writes at a time)
 * @param chainerInterval pause between polls of the event store when the chain has caught up
 * @param gapWait         how long a gap in the global index must last before the chain steps over it
 * @param booksZone       the time zone in which accounting periods (months) end
 */
@ConfigurationProperties("ledger.audit")
public record AuditProperties(@DefaultValue("true") boolean chainerEnabled,
                              @DefaultValue("200ms") Duration chainerInterval,
                              @DefaultValue("2s") Duration gapWait,
                              @DefaultValue("Asia/Shanghai") ZoneId booksZone) {
}
