/** REST endpoints for union funds: open, contributions, balance. */
package org.unionledger.api.fund;
