package org.unionledger.api.journal;

import java.time.LocalDate;
import java.time.ZoneId;

/** The ledger's calendar: the unions keep their books in China Standard Time. */
final class BooksClock {

    static final ZoneId BOOKS_ZONE = ZoneId.of("Asia/Shanghai");

    private BooksClock() {
    }

    static LocalDate today() {
        return LocalDate.now(BOOKS_ZONE);
    }
}
