/**
 * Idempotent commands: a client-chosen id recorded in the same transaction as the command's events,
 * so retries are answered with the first result and never move money twice.
 */
package org.unionledger.api.idempotency;
