package org.unionledger.api.axon;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import org.axonframework.common.Registration;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.unionledger.api.support.ApiTest;

/**
 * Portal reads go through Axon's query bus without a transaction of their own: one round trip for
 * a one-statement read, not two (docs/PERFORMANCE.md, setting 62).
 */
@ApiTest
class QueryWithoutTransactionTest {

    private static final String PROBE = "transaction-probe";

    @Autowired
    QueryBus queryBus;

    @Autowired
    QueryGateway queries;

    @Test
    void aQueryHandlerRunsOutsideAnyTransaction() {
        Registration probe = queryBus.subscribe(PROBE, Boolean.class,
                query -> TransactionSynchronizationManager.isActualTransactionActive());
        try {
            Boolean inTransaction = queries.query(PROBE, "probe", ResponseTypes.instanceOf(Boolean.class)).join();
            assertThat(inTransaction, is(false));
        } finally {
            probe.cancel();
        }
    }
}
