package org.unionledger.api.support;

import java.util.concurrent.ThreadLocalRandom;

/** Random national ID numbers with a valid GB 11643 check character (Beijing Chaoyang, born 1950-1999). */
public final class NationalIds {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

    private NationalIds() {
    }

    public static String aValidOne() {
        var random = ThreadLocalRandom.current();
        String digits = String.format("110105%04d%02d%02d%03d", 1950 + random.nextInt(50), 1 + random.nextInt(12),
                1 + random.nextInt(28), random.nextInt(1000));
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (digits.charAt(i) - '0') * WEIGHTS[i];
        }
        return digits + "10X98765432".charAt(sum % 11);
    }
}
