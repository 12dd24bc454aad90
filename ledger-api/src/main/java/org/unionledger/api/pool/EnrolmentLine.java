package org.unionledger.api.pool;

import org.unionledger.core.fund.PayerType;

/**
 * One enrolment as a client asks for it: a line of an import file or the body of
 * POST /pools/{poolId}/enrolments.
 *
 * @param orgId      the member's organisation; empty: the pool's organisation
 * @param employerId the paying employer (payerType EMPLOYER)
 * @param giftFundId the union's own GENERAL fund that pays (payerType UNION: gifted coverage)
 */
record EnrolmentLine(String memberId, String planCode, String periodId, int shares, long amountFen,
                     PayerType payerType, String channel, String employerId, String giftFundId, String orgId) {
}
