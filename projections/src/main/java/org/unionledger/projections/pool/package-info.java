/** Read models of the mutual-aid pool: its catalogue of plans and periods, and coverage. */
package org.unionledger.projections.pool;
