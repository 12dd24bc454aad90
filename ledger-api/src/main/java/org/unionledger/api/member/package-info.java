/**
 * The member directory: personal data (name, national ID number, phone, gender, organisation) in a
 * table outside the event log, so it can be corrected or erased; and a member's own coverage.
 */
package org.unionledger.api.member;
