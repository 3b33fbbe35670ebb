package org.beaconwatch.score;

import org.beaconwatch.flow.IpAddress;

/**
 * Destination addresses as text, formatted once per destination id and shared by the findings of
 * every channel to that address (a 20 M-row input has 800 k findings to far fewer addresses): less
 * formatting while scoring and one string per address held by the findings. Each entry keeps the
 * address it was made from and is made again for another, so a caller's ids only decide how much
 * is shared, never what is written. Safe for several scoring threads: an entry is immutable, and
 * two threads formatting the same address at once only store equal strings.
 */
final class AddressTexts {
    private final Text[] byId;

    private record Text(long hi, long lo, String text) {
    }

    /** For destination ids 0 to {@code ids} - 1 (others are formatted each time). */
    AddressTexts(int ids) {
        byId = new Text[Math.max(0, ids)];
    }

    /** The address (high and low words) as {@link IpAddress#format} writes it; {@code id} is its destination id. */
    String format(int id, long hi, long lo) {
        if (id < 0 || id >= byId.length) {
            return IpAddress.format(hi, lo);
        }
        Text t = byId[id];
        if (t == null || t.hi() != hi || t.lo() != lo) {
            t = new Text(hi, lo, IpAddress.format(hi, lo));
            byId[id] = t;
        }
        return t.text();
    }
}
