/** Read model of the organisation tree: subtree and ancestry questions for scoping and roll-ups. */
package org.unionledger.projections.org;
