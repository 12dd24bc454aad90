/**
 * How the write side says no: a {@link org.unionledger.core.rule.BusinessRuleViolation} carries the
 * code of the rule a command broke.
 */
package org.unionledger.core.rule;
