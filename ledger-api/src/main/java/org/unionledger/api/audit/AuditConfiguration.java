package org.unionledger.api.audit;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.unionledger.api.web.BackgroundPriority;
import org.unionledger.projections.audit.ChainVerifier;
import org.unionledger.projections.audit.HashChainAppender;
import org.unionledger.projections.audit.PeriodDigests;

/** The hash chain, its verifier and the period digests, on the ledger's DataSource. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
class AuditConfiguration {

    @Bean
    HashChainer hashChainer(DataSource dataSource, AuditProperties properties,
                            @Value(BackgroundPriority.READS_FIRST) boolean readsFirst) {
        return new HashChainer(new HashChainAppender(dataSource, properties.gapWait(), Clock.systemUTC()),
                properties, BackgroundPriority.of(readsFirst));
    }

    @Bean
    ChainVerifier chainVerifier() {
        return new ChainVerifier(Clock.systemUTC());
    }

    @Bean
    PeriodDigests periodDigests(DataSource dataSource, AuditProperties properties) {
        return new PeriodDigests(dataSource, properties.booksZone());
    }
}
