package org.unionledger.api.bench;

import java.util.List;

import javax.sql.DataSource;

import org.springframework.context.ApplicationContext;

/**
 * What a workload plugged into the benchmark can use.
 *
 * @param app        the running ledger
 * @param ledger     an HTTP client signed in as the finance officer
 * @param baseUrl    the ledger's URL
 * @param year       the generated city-year, already loaded
 * @param raw        a plain connection pool on the same database, for the raw side
 * @param fundIds    funds that exist and have a balance row
 */
public record BenchContext(ApplicationContext app, LedgerClient ledger, String baseUrl, CityYear year,
                           DataSource raw, List<String> fundIds) {
}
