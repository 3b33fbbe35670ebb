package org.beaconwatch.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.beaconwatch.output.AlertInfo;
import org.beaconwatch.score.Finding;
import org.beaconwatch.score.Severity;

/**
 * Decides which alerting findings to emit: a channel's first alert ({@code new}), an alert whose
 * severity is higher than every one emitted before ({@code escalated}), and an alert after the
 * channel was quiet (not alerting) for at least {@code quiet} of event time ({@code returned}).
 * Everything else is a repeat and is not emitted. The alert id is derived from the channel
 * (SHA-256 of its text), so a restart or a second watcher gives the same id.
 *
 * <p>State per channel that alerted: a few numbers. Channels not alerting for longer than a week
 * (or the window plus the quiet time, if longer) are forgotten, so the map stays bounded.
 */
final class AlertTracker {
    /** A finding to emit and why. */
    record Emission(Finding finding, AlertInfo alert) {
    }

    private static final class State {
        String id;
        long firstAlerted;
        int maxSeverity;
        boolean alerting;
        long lastAlerting;
    }

    /** Alert state is kept at least a week, so a weekly-quiet beacon comes back as returned, not new. */
    private static final long FORGET_AFTER = 7L * 24 * 3600 * 1_000_000;
    private final long quietMicros;
    private final long forgetMicros;
    private final Map<String, State> channels = new LinkedHashMap<>();

    AlertTracker(long quietMicros, long windowMicros) {
        this.quietMicros = quietMicros;
        this.forgetMicros = Math.max(windowMicros + quietMicros, FORGET_AFTER);
    }

    int size() {
        return channels.size();
    }

    /** Takes the findings of one scoring at event time {@code now}; returns what to emit, in rank order. */
    List<Emission> update(List<Finding> findings, long now) {
        List<Emission> out = new ArrayList<>();
        Set<String> alertingNow = new HashSet<>();
        for (Finding f : findings) {
            if (!f.alert()) {
                continue;
            }
            String key = f.channel();
            alertingNow.add(key);
            State s = channels.get(key);
            int sev = f.severity().level();
            AlertInfo.Reason reason = null;
            if (s == null) {
                s = new State();
                s.id = id(key);
                s.firstAlerted = now;
                s.maxSeverity = sev;
                channels.put(key, s);
                reason = AlertInfo.Reason.NEW;
            } else if (!s.alerting && now - s.lastAlerting >= quietMicros) {
                reason = AlertInfo.Reason.RETURNED;
                s.maxSeverity = sev;
            } else if (sev > s.maxSeverity) {
                reason = AlertInfo.Reason.ESCALATED;
                s.maxSeverity = sev;
            }
            s.alerting = true;
            s.lastAlerting = now;
            if (reason != null) {
                out.add(new Emission(f, new AlertInfo(s.id, s.firstAlerted, reason)));
            }
        }
        for (Iterator<Map.Entry<String, State>> it = channels.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, State> e = it.next();
            State s = e.getValue();
            if (!alertingNow.contains(e.getKey())) {
                s.alerting = false;
                if (now - s.lastAlerting > forgetMicros) {
                    it.remove();
                }
            }
        }
        return out;
    }

    /** Stable alert id of a channel: the first 16 hex digits of the SHA-256 of its text. */
    static String id(String channel) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(channel.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder(16);
            for (int i = 0; i < 8; i++) {
                sb.append(Character.forDigit((h[i] >> 4) & 15, 16)).append(Character.forDigit(h[i] & 15, 16));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    void save(StateFile.Out o) throws IOException {
        o.i32(channels.size());
        for (Map.Entry<String, State> e : channels.entrySet()) {
            State s = e.getValue();
            o.str(e.getKey()).str(s.id).i64(s.firstAlerted).u8(s.maxSeverity).u8(s.alerting ? 1 : 0).i64(s.lastAlerting);
        }
    }

    void load(StateFile.In in) throws IOException {
        channels.clear();
        int n = in.count(26);
        for (int i = 0; i < n; i++) {
            String key = in.str();
            State s = new State();
            s.id = in.str();
            s.firstAlerted = in.i64();
            s.maxSeverity = Math.min(in.u8(), Severity.values().length - 1);
            s.alerting = in.u8() != 0;
            s.lastAlerting = in.i64();
            if (key == null || s.id == null) {
                throw new IOException("damaged state file: alert without a channel");
            }
            channels.put(key, s);
        }
    }
}
