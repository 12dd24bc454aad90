/**
 * Personal data: masking in responses, the roles that may ask for unmasked values (ADMIN,
 * CASE_WORKER with ?unmasked=true), and the log of every unmasked read, visible to auditors.
 */
package org.unionledger.api.privacy;
