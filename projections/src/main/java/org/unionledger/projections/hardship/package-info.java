/**
 * Read models of hardship relief: the register of households (with checks and grants), money
 * raised by source against money spent on the hardship funds, and statistics (assistance by type,
 * month and organisation; exit rate per year). See docs/hardship.md.
 */
package org.unionledger.projections.hardship;
