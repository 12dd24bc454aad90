/**
 * The staff medical mutual-aid pool: the {@link org.unionledger.core.pool.MutualAidPool} aggregate
 * keeps plans and coverage periods; one small {@link org.unionledger.core.pool.Coverage} aggregate per
 * member, plan and period records an enrolment (deterministic id, so a member enrols once). The
 * pool's money lives in a {@link org.unionledger.core.fund.Fund} of type MUTUAL_AID_POOL.
 */
package org.unionledger.core.pool;
