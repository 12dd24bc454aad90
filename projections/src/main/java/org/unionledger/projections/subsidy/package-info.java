/** Read models of subsidy programs: utilisation, grants, funding by source, leverage, grassroots share. */
package org.unionledger.projections.subsidy;
