/** Small helpers shared by projections. */
package org.unionledger.projections.support;
