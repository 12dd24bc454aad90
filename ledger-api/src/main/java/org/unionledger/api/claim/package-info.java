/**
 * Mutual-aid claims over HTTP: submission with documents, review, payout, member notices and the
 * claim read models. Multi-aggregate steps run in one transaction through
 * {@link org.unionledger.api.pool.AtomicCommands}.
 */
package org.unionledger.api.claim;
