package org.unionledger.api.claim;

import org.axonframework.common.caching.Cache;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.unionledger.api.axon.Aggregates;
import org.unionledger.core.claim.Claim;
import org.unionledger.core.claim.ClaimKeyRegistration;
import org.unionledger.projections.claim.ClaimNotificationProjection;

/** Registers the claim aggregates with Axon and wires the member-notice dispatcher. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ClaimConfiguration {

    @Bean
    ConfigurerModule claimAggregate(Cache aggregateCache) {
        return Aggregates.cached(Claim.class, aggregateCache);
    }

    /** Written once per claim and never loaded again: kept out of the cache. */
    @Bean
    ConfigurerModule claimKeyRegistrationAggregate() {
        return Aggregates.uncached(ClaimKeyRegistration.class);
    }

    @Bean
    NotificationSender notificationSender(@Value("${ledger.claims.notice-sender:log}") String kind) {
        return "sms".equals(kind) ? new SmsGatewayNotificationSenderNotConfigured() : new LoggingNotificationSender();
    }

    @Bean
    ClaimNoticeDispatcher claimNoticeDispatcher(ClaimNotificationProjection outbox, NotificationSender sender) {
        return new ClaimNoticeDispatcher(outbox, sender);
    }
}
