/**
 * The fault harness ({@code scripts/faults}): one PostgreSQL, two ledger nodes, a generator of
 * concurrent money commands with client-chosen ids and retries, a nemesis (kill -9, SIGSTOP,
 * conflicting commands) and the checks that no acknowledged money was lost, created or paid twice.
 * Not part of the running ledger: nothing here is a Spring bean.
 */
package org.unionledger.api.faults;
