/**
 * Mutual-aid claims: a member's {@link org.unionledger.core.claim.Claim} for a benefit under a
 * coverage, its documents, the benefit it is worth ({@link org.unionledger.core.claim.BenefitCalculator}),
 * the review with maker-checker, and the two-phase payout from the pool's fund. Uniqueness across
 * claims (an invoice claimed once, one maternity benefit per birth) is a
 * {@link org.unionledger.core.claim.ClaimKeyRegistration} with a derived id.
 */
package org.unionledger.core.claim;
