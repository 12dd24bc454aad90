/** Public, aggregated statistics for the transparency page: no sign-in, no personal data. */
package org.unionledger.api.publicstats;
