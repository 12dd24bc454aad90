/** REST endpoints of the organisation tree and its CSV import. */
package org.unionledger.api.org;
