package org.unionledger.core.hardship;

/** Kinds of assistance a hardship household can be granted; each has its own yearly cap. */
public enum AssistanceType {
    /** 生活补助 */
    LIVING_ALLOWANCE,
    /** 医疗救助 */
    MEDICAL_AID,
    /** 助学金: always for one named child of the household. */
    EDUCATION_GRANT,
    /** 就业援助 */
    EMPLOYMENT_AID,
    /** 送温暖 / 两节慰问: cash, or goods valued at quantity x unit value. */
    FESTIVAL_CONDOLENCE,
    /** Goods only, valued at quantity x unit value. */
    IN_KIND_GOODS
}
