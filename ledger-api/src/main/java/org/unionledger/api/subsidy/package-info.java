/** REST endpoints of subsidy programs and the statistics over them; wiring of the subsidy policy. */
package org.unionledger.api.subsidy;
