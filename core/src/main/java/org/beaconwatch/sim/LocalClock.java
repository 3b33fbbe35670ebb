package org.beaconwatch.sim;

import java.time.ZoneOffset;

/** Local wall-clock arithmetic on epoch microseconds for one fixed offset (no allocation). */
final class LocalClock {
    private final long offsetSeconds;

    LocalClock(ZoneOffset zone) {
        this.offsetSeconds = zone.getTotalSeconds();
    }

    private long localSeconds(long micros) {
        return Math.floorDiv(micros, 1_000_000L) + offsetSeconds;
    }

    /** Local day number since 1970-01-01. */
    long day(long micros) {
        return Math.floorDiv(localSeconds(micros), 86_400L);
    }

    /** 0 = Monday ... 6 = Sunday. */
    int dayOfWeek(long micros) {
        return (int) Math.floorMod(day(micros) + 3, 7L);
    }

    /** Seconds since local midnight. */
    int secondOfDay(long micros) {
        return (int) Math.floorMod(localSeconds(micros), 86_400L);
    }

    int hour(long micros) {
        return secondOfDay(micros) / 3600;
    }

    boolean weekday(long micros) {
        return dayOfWeek(micros) < 5;
    }

    /** Mon–Fri 08:00–18:00 local. */
    boolean officeHours(long micros) {
        int h = hour(micros);
        return weekday(micros) && h >= 8 && h < 18;
    }
}
