/** REST endpoints of hardship relief: cases, verification, exits, grants and their payment, register and statistics. */
package org.unionledger.api.hardship;
