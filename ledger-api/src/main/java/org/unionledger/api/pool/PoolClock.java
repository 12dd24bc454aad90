package org.unionledger.api.pool;

import java.time.LocalDate;
import java.time.ZoneId;

/** The ledger's calendar: the unions keep their books in China Standard Time. */
final class PoolClock {

    private static final ZoneId BOOKS_ZONE = ZoneId.of("Asia/Shanghai");

    private PoolClock() {
    }

    static LocalDate today() {
        return LocalDate.now(BOOKS_ZONE);
    }
}
