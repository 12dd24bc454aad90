package org.unionledger.core.subsidy;

/**
 * One condition an applicant must meet; a program lists the conditions that all apply. Facts
 * about the member (their organisation's ancestors, course, frontline status) come with the
 * application, checked by the sender against the registers it reads.
 */
public enum EligibilityCriterion {
    /** The member belongs to the program's organisation or an organisation below it. */
    MEMBER_OF_ORG_IN_SCOPE,
    /** The member is enrolled in a course; the program may name the qualifying course codes. */
    ENROLLED_IN_COURSE,
    /** The member is a frontline worker. */
    FRONTLINE_WORKER
}
