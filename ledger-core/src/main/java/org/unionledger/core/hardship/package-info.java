/**
 * Hardship relief (困难职工帮扶): one {@link org.unionledger.core.hardship.HardshipCase} per household
 * (registration, multi-department verification, deep hardship, reviews, exit and re-entry, grants
 * with maker-checker and yearly caps) and the {@link org.unionledger.core.hardship.HardshipGrantPolicy}
 * that moves grant money on the hardship {@code Fund}. See docs/hardship.md.
 */
package org.unionledger.core.hardship;
