/** The database: embedded PostgreSQL by default, an external one through LEDGER_DB_URL, always pooled. */
package org.unionledger.api.database;
