package org.unionledger.core.org;

/** Levels of the organisation tree, from the top down; a child sits strictly below its parent. */
public enum OrgLevel {
    CITY_FEDERATION,
    DISTRICT,
    TOWNSHIP,
    GRASSROOTS,
    ENTERPRISE;

    public boolean isBelow(OrgLevel other) {
        return ordinal() > other.ordinal();
    }

    /** Grassroots unions and enterprises: where the unions want over 90% of the money to arrive. */
    public boolean isGrassroots() {
        return this == GRASSROOTS || this == ENTERPRISE;
    }
}
