package org.beaconwatch.score;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.beaconwatch.severity.Severity;

/**
 * The binary form of a {@link Finding} in the temporary files of {@link FindingStore}: every
 * component of the finding and of its records ({@link ChannelId}, {@link Scores}, {@link Evidence}
 * with its features and {@link Adjustments}), so that the finding read back is {@code equals} to the
 * one written and every double is the same bit for bit (NaN, infinities and -0.0 too; whole
 * numbers among the measured figures and features, mostly counts, flags and zeros, in few bytes,
 * everything else as its raw bits). Strings
 * have a length prefix (no 64 KB limit) and survive whatever they hold; nulls are marked
 * explicitly. Not Java serialisation: reading builds findings and their records only. The bytes of
 * each field: {@link FindingFrame}.
 *
 * <p>Each finding is one frame: its length, then its bytes (encoded in memory and written with one
 * call). A codec is stateful: one instance writes one stream, a fresh instance reads it back in
 * the same order. The stream names each list of feature names once, with the first finding that
 * uses it; later findings refer to it by number, so the findings read back share one name list,
 * as detection's do, and a finding costs its feature values only.
 */
final class FindingCodec {
    /** Severities by {@link Severity#level()}, the code written for them. */
    private static final Severity[] SEVERITIES = bySeverityLevel();
    private static final byte FEATURE_MAP = 0;
    private static final byte PLAIN_MAP = 1;

    private final FindingFrame frame = new FindingFrame();

    // writing: the name lists named so far
    private final Map<List<String>, Integer> listIds = new HashMap<>();
    private List<String> lastList;
    private int lastListId = -1;

    // reading: the name lists read so far, by number
    private final List<List<String>> lists = new ArrayList<>();

    /** Writes one finding as one frame. */
    void write(Finding f, DataOutput sink) throws IOException {
        FindingFrame w = frame;
        w.clear();
        w.putInt(f.rank());
        w.putByte(f.severity().level());
        w.putBoolean(f.alert());
        w.putByte(typeCode(f.type()));
        ChannelId id = f.id();
        w.putString(id.src());
        w.putString(id.dst());
        w.putInt(id.dstPort());
        w.putString(id.proto());
        w.putString(id.serverName());
        Scores s = f.scores();
        w.putDouble(s.score());
        w.putDouble(s.timing());
        w.putDouble(s.periodicity());
        w.putDouble(s.size());
        w.putDouble(s.persistence());
        w.putDouble(s.prevalence());
        Evidence e = f.evidence();
        w.putInt(e.conns());
        w.putInt(e.beats());
        w.putLong(e.firstSeen());
        w.putLong(e.lastSeen());
        w.putCompactDouble(e.periodSeconds());
        w.putCompactDouble(e.jitter());
        w.putCompactDouble(e.missedRatio());
        w.putCompactDouble(e.burstRatio());
        w.putCompactDouble(e.medianBytes());
        w.putLong(e.longestMicros());
        w.putInt(e.prevalence());
        w.putInt(e.siblings());
        w.putBoolean(e.ntp());
        w.putInt(e.cohort());
        w.putCompactDouble(e.cohortFactor());
        putFeatures(e.features());
        w.putString(e.label());
        w.putString(e.detailedLabel());
        putAdjustments(e.adjustments());
        w.writeTo(sink);
    }

    /**
     * Reads the next frame's finding.
     *
     * @throws java.io.EOFException when the stream ends inside a frame
     * @throws IOException          when a frame is not a finding (the file is damaged)
     */
    Finding read(DataInput source) throws IOException {
        FindingFrame r = frame;
        r.readFrom(source);
        int rank = r.getInt();
        Severity severity = SEVERITIES[r.getCode(SEVERITIES.length)];
        boolean alert = r.getBoolean();
        FindingType type = type(r.getCode(3));
        ChannelId id = new ChannelId(r.getString(), r.getString(), r.getInt(), r.getString(), r.getString());
        Scores scores = new Scores(r.getDouble(), r.getDouble(), r.getDouble(), r.getDouble(), r.getDouble(),
                r.getDouble());
        int conns = r.getInt();
        int beats = r.getInt();
        long firstSeen = r.getLong();
        long lastSeen = r.getLong();
        double period = r.getCompactDouble();
        double jitter = r.getCompactDouble();
        double missed = r.getCompactDouble();
        double burst = r.getCompactDouble();
        double medianBytes = r.getCompactDouble();
        long longest = r.getLong();
        int prevalence = r.getInt();
        int siblings = r.getInt();
        boolean ntp = r.getBoolean();
        int cohort = r.getInt();
        double cohortFactor = r.getCompactDouble();
        Map<String, Double> features = getFeatures();
        String label = r.getString();
        String detailedLabel = r.getString();
        Adjustments adjustments = getAdjustments();
        r.finish();
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

    /**
     * A feature map: its name list (by number, named the first time), then its values; any other
     * map (built by hand) entry by entry, a null value marked.
     */
    private void putFeatures(Map<String, Double> features) {
        FindingFrame w = frame;
        if (features instanceof FeatureMap fm) {
            w.putByte(FEATURE_MAP);
            List<String> names = fm.names();
            if (names != lastList) {
                Integer known = listIds.get(names);
                lastList = names;
                if (known == null) { // named here, once per stream
                    lastListId = listIds.size();
                    listIds.put(names, lastListId);
                    w.putVarInt(lastListId);
                    w.putVarInt(names.size());
                    for (String n : names) {
                        w.putString(n);
                    }
                    putValues(fm);
                    return;
                }
                lastListId = known;
            }
            w.putVarInt(lastListId);
            putValues(fm);
            return;
        }
        w.putByte(PLAIN_MAP);
        w.putVarInt(features.size());
        for (Map.Entry<String, Double> en : features.entrySet()) {
            w.putString(en.getKey());
            Double v = en.getValue();
            w.putBoolean(v != null);
            if (v != null) {
                w.putCompactDouble(v);
            }
        }
    }

    private void putValues(FeatureMap fm) {
        for (int i = 0, n = fm.size(); i < n; i++) {
            frame.putCompactDouble(fm.valueAt(i));
        }
    }

    private Map<String, Double> getFeatures() throws IOException {
        FindingFrame r = frame;
        byte kind = r.getByte();
        if (kind == FEATURE_MAP) {
            int listId = r.getVarInt();
            List<String> names;
            if (listId == lists.size()) { // named here for the first time
                int n = r.getCount(1);
                String[] a = new String[n];
                for (int i = 0; i < n; i++) {
                    a[i] = r.getString();
                }
                names = List.of(a);
                lists.add(names);
            } else if (listId >= 0 && listId < lists.size()) {
                names = lists.get(listId);
            } else {
                throw FindingFrame.corrupt("feature name list " + listId);
            }
            int n = names.size();
            FeatureMap.Builder b = new FeatureMap.Builder(n, false);
            for (int i = 0; i < n; i++) {
                b.put(null, r.getCompactDouble());
            }
            return b.build(names);
        }
        if (kind != PLAIN_MAP) {
            throw FindingFrame.corrupt("feature map kind " + kind);
        }
        int n = r.getCount(2);
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String k = r.getString();
            m.put(k, r.getBoolean() ? r.getCompactDouble() : null);
        }
        return m;
    }

    /** {@link Adjustments#NONE} as one byte (read back as that same object), others field by field. */
    private void putAdjustments(Adjustments a) {
        FindingFrame w = frame;
        if (a.equals(Adjustments.NONE)) {
            w.putBoolean(false);
            return;
        }
        w.putBoolean(true);
        w.putInt(a.coTimed());
        w.putString(a.coTimedWith());
        w.putCompactDouble(a.noHostShare());
        w.putBoolean(a.noHost());
        w.putString(a.rareSignature());
        w.putBoolean(a.firstSeenRecent());
        w.putLong(a.inputSpanMicros());
    }

    private Adjustments getAdjustments() throws IOException {
        FindingFrame r = frame;
        if (!r.getBoolean()) {
            return Adjustments.NONE;
        }
        return new Adjustments(r.getInt(), r.getString(), r.getCompactDouble(), r.getBoolean(), r.getString(), r.getBoolean(),
                r.getLong());
    }
}
