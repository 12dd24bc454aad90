/** REST endpoints of allocations between funds and their clawbacks; wiring of the allocation policy. */
package org.unionledger.api.allocation;
