package org.beaconwatch.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NumbersTest {
    @Test
    void sameFigurePrintsTheSameWay() {
        assertEquals("4,025", Numbers.count(4025));
        assertEquals("0", Numbers.count(0));
        assertEquals("999", Numbers.count(999));
        assertEquals("-1,000", Numbers.count(-1000));
        assertEquals("123,456,789", Numbers.count(123_456_789));
        assertEquals(String.format(java.util.Locale.ROOT, "%,d", Long.MIN_VALUE), Numbers.count(Long.MIN_VALUE));
        assertEquals(String.format(java.util.Locale.ROOT, "%,d", Long.MAX_VALUE), Numbers.count(Long.MAX_VALUE));
        assertEquals("4,025", Numbers.num(4025.0));
        assertEquals("25,010.5", Numbers.num(25010.5));
        assertEquals("0.936", Numbers.num(0.936));
        assertEquals("-0.936", Numbers.num(-0.936));
        assertEquals("n/a", Numbers.num(Double.NaN));
        assertEquals("1.23e+07", Numbers.num(12_345_678.9));
    }

    @Test
    void fixedPValuesAndShares() {
        assertEquals("0.8319", Numbers.fixed(0.83191, 4));
        assertEquals("< 1e-300", Numbers.p(0));
        assertEquals("2.0e-05", Numbers.p(2e-5));
        assertEquals("0.042", Numbers.p(0.042));
        assertEquals("12.3%", Numbers.pct(0.123));
        assertEquals("0.25%", Numbers.pct(0.0025));
    }

    @Test
    void timesDurationsPeriodsBytes() {
        assertEquals("2011-08-18 10:00:00.000000 UTC", Numbers.time(1_313_661_600_000_000L));
        assertEquals("12.500000 s (relative)", Numbers.time(12_500_000L));
        assertEquals("12.5 s", Numbers.duration(12_500_000L));
        assertEquals("4 min 10 s", Numbers.duration(250_000_000L));
        assertEquals("1 d 1 h 0 min", Numbers.duration(90_000_000_000L));
        assertEquals("30 s", Numbers.period(30));
        assertEquals("5.0 min", Numbers.period(300));
        assertEquals("3.0 h", Numbers.period(10_800));
        assertEquals("90.0 min", Numbers.period(5400));
        assertEquals("512 B", Numbers.bytes(512));
        assertEquals("1.5 KiB", Numbers.bytes(1536));
    }
}
