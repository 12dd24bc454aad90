package org.unionledger.api.bench;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A query the web portal sends (figure P4), with the SQL its query handler runs, so the benchmark
 * can time it through the ledger's HTTP API and through plain JDBC. Balances are built in;
 * coverage and a page of payouts are declared as Spring beans of this type by their features.
 */
public interface PortalQuery {

    /** balances, coverage, payouts, ... */
    String name();

    /** The next request, chosen with {@code random} among data that exists. */
    Request next(BenchContext context, SplittableRandom random);

    /**
     * @param path       GET path on the ledger
     * @param sql        the SQL the query handler runs for it
     * @param parameters its parameters
     */
    record Request(String path, String sql, List<Object> parameters) {
    }
}
