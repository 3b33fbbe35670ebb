package org.beaconwatch.io.zeek;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Zeek's {@code \xHH} escapes of non-printable bytes in log values and header lines. */
final class ZeekEscapes {
    private ZeekEscapes() {
    }

    static String unescape(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return unescape(b, 0, b.length);
    }

    static String unescape(byte[] a, int p, int q) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(q - p);
        for (int j = p; j < q; j++) {
            if (a[j] == '\\' && j + 3 < q && a[j + 1] == 'x'
                    && Character.digit(a[j + 2], 16) >= 0 && Character.digit(a[j + 3], 16) >= 0) {
                out.write(Character.digit(a[j + 2], 16) * 16 + Character.digit(a[j + 3], 16));
                j += 3;
            } else {
                out.write(a[j]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
