package org.beaconwatch.score;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.beaconwatch.severity.Severity;

/**
 * The binary form of a {@link Finding} in the temporary files of {@link FindingStore}: every
 * component of the finding and of its records ({@link ChannelId}, {@link Scores}, {@link Evidence}
 * with its features and {@link Adjustments}), so that the finding read back is {@code equals} to the
 * one written. Doubles are written as their raw bits (NaN, infinities and -0.0 survive); strings as
 * a length and their UTF-16 units in UTF-8 form, each unit alone (CESU-8, so even an unpaired
 * surrogate from an escaped JSON string survives; no 64 KB limit); null strings, maps and values
 * are marked explicitly. Not Java serialisation: reading builds findings and their records only.
 *
 * <p>Each finding is one frame: its length, then its bytes (encoded in memory and written with one
 * call). A codec is stateful: one instance writes one stream, a fresh instance reads it back in
 * the same order. The stream names each list of feature names once, with the first finding that
 * uses it; later findings refer to it by number, so the findings read back share one name list,
 * as detection's do, and a finding costs its values only.
 */
final class FindingCodec {
    /** A frame longer than this is corrupt (a finding is a few hundred bytes). */
    private static final int MAX_FRAME = 64 << 20;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** Severities by {@link Severity#level()}, the code written for them. */
    private static final Severity[] SEVERITIES = bySeverityLevel();
    private static final byte FEATURE_MAP = 0;
    private static final byte PLAIN_MAP = 1;

    // writing: the frame being built, the name lists named so far
    private byte[] out = new byte[512];
    private int outLen;
    private final Map<List<String>, Integer> listIds = new HashMap<>();
    private List<String> lastList;
    private int lastListId = -1;

    // reading: the frame being decoded, the name lists read so far
    private byte[] in = new byte[512];
    private int pos;
    private int end;
    private final List<List<String>> lists = new ArrayList<>();

    /** Writes one finding as one frame. */
    void write(Finding f, DataOutput sink) throws IOException {
        outLen = 0;
        putVarInt(zigzag(f.rank()));
        putByte(f.severity().level());
        putByte(f.alert() ? 1 : 0);
        putByte(typeCode(f.type()));
        ChannelId id = f.id();
        putString(id.src());
        putString(id.dst());
        putVarInt(zigzag(id.dstPort()));
        putString(id.proto());
        putString(id.serverName());
        Scores s = f.scores();
        putDouble(s.score());
        putDouble(s.timing());
        putDouble(s.periodicity());
        putDouble(s.size());
        putDouble(s.persistence());
        putDouble(s.prevalence());
        Evidence e = f.evidence();
        putVarInt(zigzag(e.conns()));
        putVarInt(zigzag(e.beats()));
        putLong(e.firstSeen());
        putLong(e.lastSeen());
        putDouble(e.periodSeconds());
        putDouble(e.jitter());
        putDouble(e.missedRatio());
        putDouble(e.burstRatio());
        putDouble(e.medianBytes());
        putLong(e.longestMicros());
        putVarInt(zigzag(e.prevalence()));
        putVarInt(zigzag(e.siblings()));
        putByte(e.ntp() ? 1 : 0);
        putVarInt(zigzag(e.cohort()));
        putDouble(e.cohortFactor());
        putFeatures(e.features());
        putString(e.label());
        putString(e.detailedLabel());
        putAdjustments(e.adjustments());
        writeVarInt(sink, outLen);
        sink.write(out, 0, outLen);
    }

    /** Reads the next frame's finding. */
    Finding read(DataInput source) throws IOException {
        int len = readVarInt(source);
        if (len < 0 || len > MAX_FRAME) {
            throw corrupt("frame length " + len);
        }
        if (in.length < len) {
            in = new byte[Math.max(len, in.length * 2)];
        }
        source.readFully(in, 0, len);
        pos = 0;
        end = len;
        int rank = unzigzag(getVarInt());
        Severity severity = SEVERITIES[getCode(SEVERITIES.length)];
        boolean alert = getBoolean();
        FindingType type = type(getCode(3));
        ChannelId id = new ChannelId(getString(), getString(), unzigzag(getVarInt()), getString(), getString());
        Scores scores = new Scores(getDouble(), getDouble(), getDouble(), getDouble(), getDouble(), getDouble());
        int conns = unzigzag(getVarInt());
        int beats = unzigzag(getVarInt());
        long firstSeen = getLong();
        long lastSeen = getLong();
        double period = getDouble();
        double jitter = getDouble();
        double missed = getDouble();
        double burst = getDouble();
        double medianBytes = getDouble();
        long longest = getLong();
        int prevalence = unzigzag(getVarInt());
        int siblings = unzigzag(getVarInt());
        boolean ntp = getBoolean();
        int cohort = unzigzag(getVarInt());
        double cohortFactor = getDouble();
        Map<String, Double> features = getFeatures();
        String label = getString();
        String detailedLabel = getString();
        Adjustments adjustments = getAdjustments();
        if (pos != end) {
            throw corrupt((end - pos) + " bytes left in a frame");
        }
        Evidence e = new Evidence(conns, beats, firstSeen, lastSeen, period, jitter, missed, burst, medianBytes, longest,
                prevalence, siblings, ntp, cohort, cohortFactor, features, label, detailedLabel, adjustments);
        return new Finding(rank, severity, alert, type, id, scores, e);
    }

    // ---- enums, by codes of their own (not their declaration order)

    private static Severity[] bySeverityLevel() {
        Severity[] out = new Severity[Severity.values().length];
        for (Severity s : Severity.values()) {
            out[s.level()] = s;
        }
        return out;
    }

    private static int typeCode(FindingType t) {
        return switch (t) {
            case BEACON -> 0;
            case STROBE -> 1;
            case LONG_CONNECTION -> 2;
        };
    }

    private static FindingType type(int code) {
        return switch (code) {
            case 0 -> FindingType.BEACON;
            case 1 -> FindingType.STROBE;
            default -> FindingType.LONG_CONNECTION;
        };
    }

    // ---- features and adjustments

    private void putFeatures(Map<String, Double> features) {
        if (features instanceof FeatureMap fm) {
            putByte(FEATURE_MAP);
            List<String> names = fm.names();
            if (names != lastList) {
                Integer known = listIds.get(names);
                lastList = names;
                if (known == null) { // named here, once per stream
                    lastListId = listIds.size();
                    listIds.put(names, lastListId);
                    putVarInt(lastListId);
                    putVarInt(names.size());
                    for (String n : names) {
                        putString(n);
                    }
                    putValues(fm);
                    return;
                }
                lastListId = known;
            }
            putVarInt(lastListId);
            putValues(fm);
            return;
        }
        putByte(PLAIN_MAP);
        putVarInt(features.size());
        for (Map.Entry<String, Double> en : features.entrySet()) {
            putString(en.getKey());
            Double v = en.getValue();
            putByte(v == null ? 0 : 1);
            if (v != null) {
                putDouble(v);
            }
        }
    }

    private void putValues(FeatureMap fm) {
        int n = fm.size();
        ensure(8 * n);
        for (int i = 0; i < n; i++) {
            putDouble(fm.valueAt(i));
        }
    }

    private Map<String, Double> getFeatures() throws IOException {
        byte kind = getByte();
        if (kind == FEATURE_MAP) {
            int listId = getVarInt();
            List<String> names;
            if (listId == lists.size()) { // named here for the first time
                int n = getCount();
                String[] a = new String[n];
                for (int i = 0; i < n; i++) {
                    a[i] = getString();
                }
                names = List.of(a);
                lists.add(names);
            } else if (listId >= 0 && listId < lists.size()) {
                names = lists.get(listId);
            } else {
                throw corrupt("feature name list " + listId);
            }
            FeatureMap.Builder b = new FeatureMap.Builder(names.size(), false);
            for (int i = 0, n = names.size(); i < n; i++) {
                b.put(null, getDouble());
            }
            return b.build(names);
        }
        if (kind != PLAIN_MAP) {
            throw corrupt("feature map kind " + kind);
        }
        int n = getCount();
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String k = getString();
            m.put(k, getBoolean() ? getDouble() : null);
        }
        return m;
    }

    private void putAdjustments(Adjustments a) {
        if (a.equals(Adjustments.NONE)) {
            putByte(0);
            return;
        }
        putByte(1);
        putVarInt(zigzag(a.coTimed()));
        putString(a.coTimedWith());
        putDouble(a.noHostShare());
        putByte(a.noHost() ? 1 : 0);
        putString(a.rareSignature());
        putByte(a.firstSeenRecent() ? 1 : 0);
        putLong(a.inputSpanMicros());
    }

    private Adjustments getAdjustments() throws IOException {
        if (!getBoolean()) {
            return Adjustments.NONE;
        }
        return new Adjustments(unzigzag(getVarInt()), getString(), getDouble(), getBoolean(), getString(), getBoolean(),
                getLong());
    }

    // ---- primitive writes into the frame

    private void ensure(int more) {
        if (outLen + more > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, outLen + more));
        }
    }

    private void putByte(int b) {
        ensure(1);
        out[outLen++] = (byte) b;
    }

    private void putLong(long v) {
        ensure(8);
        LONGS.set(out, outLen, v);
        outLen += 8;
    }

    private void putDouble(double v) {
        putLong(Double.doubleToRawLongBits(v));
    }

    /** Unsigned LEB128. */
    private void putVarInt(int v) {
        ensure(5);
        while ((v & ~0x7F) != 0) {
            out[outLen++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out[outLen++] = (byte) v;
    }

    /** Null as 0, else 1 + the number of bytes, then each UTF-16 unit in 1 to 3 bytes. */
    private void putString(String s) {
        if (s == null) {
            putVarInt(0);
            return;
        }
        int n = s.length();
        int bytes = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        putVarInt(bytes + 1);
        ensure(bytes);
        byte[] o = out;
        int k = outLen;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                o[k++] = (byte) c;
            } else if (c < 0x800) {
                o[k++] = (byte) (0xC0 | (c >> 6));
                o[k++] = (byte) (0x80 | (c & 0x3F));
            } else {
                o[k++] = (byte) (0xE0 | (c >> 12));
                o[k++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                o[k++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        outLen = k;
    }

    private static void writeVarInt(DataOutput sink, int v) throws IOException {
        while ((v & ~0x7F) != 0) {
            sink.writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        sink.writeByte(v);
    }

    private static int zigzag(int v) {
        return (v << 1) ^ (v >> 31);
    }

    private static int unzigzag(int v) {
        return (v >>> 1) ^ -(v & 1);
    }

    // ---- primitive reads from the frame

    private void need(int n) throws IOException {
        if (end - pos < n) {
            throw corrupt("frame ends early");
        }
    }

    private byte getByte() throws IOException {
        need(1);
        return in[pos++];
    }

    private boolean getBoolean() throws IOException {
        byte b = getByte();
        if (b != 0 && b != 1) {
            throw corrupt("flag " + b);
        }
        return b == 1;
    }

    /** A code in [0, count). */
    private int getCode(int count) throws IOException {
        int o = getByte();
        if (o < 0 || o >= count) {
            throw corrupt("code " + o);
        }
        return o;
    }

    private long getLong() throws IOException {
        need(8);
        long v = (long) LONGS.get(in, pos);
        pos += 8;
        return v;
    }

    private double getDouble() throws IOException {
        return Double.longBitsToDouble(getLong());
    }

    private int getVarInt() throws IOException {
        int v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = getByte();
            v |= (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw corrupt("variable-length number too long");
    }

    /** A count of things that follow, each at least a byte. */
    private int getCount() throws IOException {
        int n = getVarInt();
        if (n < 0 || n > end - pos) {
            throw corrupt("count " + n);
        }
        return n;
    }

    private String getString() throws IOException {
        int len = getVarInt() - 1;
        if (len < 0) {
            if (len == -1) {
                return null;
            }
            throw corrupt("string length " + len);
        }
        need(len);
        int from = pos;
        int stop = from + len;
        boolean ascii = true;
        for (int i = from; i < stop; i++) {
            if (in[i] < 0) {
                ascii = false;
                break;
            }
        }
        pos = stop;
        if (ascii) {
            return new String(in, from, len, StandardCharsets.ISO_8859_1);
        }
        char[] chars = new char[len];
        int n = 0;
        int i = from;
        while (i < stop) {
            int b = in[i++] & 0xFF;
            if (b < 0x80) {
                chars[n++] = (char) b;
            } else if ((b & 0xE0) == 0xC0 && i < stop) {
                chars[n++] = (char) (((b & 0x1F) << 6) | (in[i++] & 0x3F));
            } else if ((b & 0xF0) == 0xE0 && i + 1 < stop) {
                chars[n++] = (char) (((b & 0x0F) << 12) | ((in[i] & 0x3F) << 6) | (in[i + 1] & 0x3F));
                i += 2;
            } else {
                throw corrupt("string bytes");
            }
        }
        return new String(chars, 0, n);
    }

    private static int readVarInt(DataInput source) throws IOException {
        int v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = source.readByte();
            v |= (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw corrupt("variable-length number too long");
    }

    private static IOException corrupt(String what) {
        return new IOException("temporary findings file is corrupt: " + what);
    }
}
