package org.beaconwatch.ml.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The beacon intervals most common among positive training rows, and how close a new interval
 * is to one of them.
 *
 * <p>What: modes of the distribution of {@code ln(inter_event_seconds)} among positive training
 * rows that are also enriched relative to all training rows (a peak the benign rows share is not a
 * beacon signature). Each mode has a centre and a robust spread (1.4826 x MAD of the positive
 * intervals within +-0.3 in log space, at least 0.02). Closeness is
 * {@code max over modes of exp(-z^2/2)} with {@code z = (ln x - centre) / spread}.
 *
 * <p>Why: C2 implants sleep for a configured interval plus jitter (Cobalt Strike's sleep/jitter,
 * RITA's beacon analysis [1]); which interval is in use is a property of the data, so it is learned
 * from labelled training rows rather than hard-coded. Log space makes "60 s +-10 %" and
 * "3600 s +-10 %" equally wide. Missing intervals get closeness 0 and a missing indicator.
 *
 * <p>[1] Active Countermeasures, RITA beacon analysis (github.com/activecm/rita).
 */
final class IntervalModes {
    private static final double BIN = 0.05;
    private static final int MAX_MODES = 3;

    final double[] centres;
    final double[] spreads;

    IntervalModes(double[] centres, double[] spreads) {
        this.centres = centres;
        this.spreads = spreads;
    }

    static IntervalModes fit(double[] seconds, int[] train, boolean[] positive) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int npos = 0;
        int nall = 0;
        for (int r : train) {
            double v = seconds[r];
            if (v > 0 && Double.isFinite(v)) {
                double x = Math.log(v);
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
                nall++;
                if (positive[r]) {
                    npos++;
                }
            }
        }
        if (npos < 5) {
            return new IntervalModes(new double[0], new double[0]);
        }
        int bins = (int) Math.ceil((hi - lo) / BIN) + 1;
        double[] pos = new double[bins];
        double[] all = new double[bins];
        List<Double> posX = new ArrayList<>();
        for (int r : train) {
            double v = seconds[r];
            if (v > 0 && Double.isFinite(v)) {
                int b = (int) ((Math.log(v) - lo) / BIN);
                all[b]++;
                if (positive[r]) {
                    pos[b]++;
                    posX.add(Math.log(v));
                }
            }
        }
        double[] ps = smooth(pos);
        double[] as = smooth(all);
        double baseRate = (double) npos / nall;
        double minCount = Math.max(5, 0.05 * npos);
        // candidate peaks: local maxima of the positive histogram, enriched over the base rate
        List<int[]> peaks = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            boolean max = (b == 0 || ps[b] >= ps[b - 1]) && (b == bins - 1 || ps[b] > ps[b + 1]);
            if (max && ps[b] * 3 >= minCount && ps[b] / Math.max(as[b], 1e-9) > 1.5 * baseRate) {
                peaks.add(new int[] {b});
            }
        }
        peaks.sort((x, y) -> Double.compare(ps[y[0]], ps[x[0]]));
        double[] xs = new double[posX.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = posX.get(i);
        }
        List<double[]> modes = new ArrayList<>();
        for (int[] p : peaks) {
            if (modes.size() == MAX_MODES) {
                break;
            }
            double c0 = lo + (p[0] + 0.5) * BIN;
            double[] near = within(xs, c0, 0.3);
            if (near.length < minCount) {
                continue;
            }
            double centre = median(near);
            boolean dup = false;
            for (double[] m : modes) {
                if (Math.abs(m[0] - centre) < 0.3) {
                    dup = true;
                    break;
                }
            }
            if (dup) {
                continue;
            }
            double[] dev = new double[near.length];
            for (int i = 0; i < near.length; i++) {
                dev[i] = Math.abs(near[i] - centre);
            }
            modes.add(new double[] {centre, Math.max(0.02, 1.4826 * median(dev))});
        }
        double[] c = new double[modes.size()];
        double[] s = new double[modes.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = modes.get(i)[0];
            s[i] = modes.get(i)[1];
        }
        return new IntervalModes(c, s);
    }

    /** Closeness in [0, 1] of an interval (seconds) to the nearest learned mode; 0 when missing. */
    double closeness(double seconds) {
        if (!(seconds > 0) || !Double.isFinite(seconds)) {
            return 0;
        }
        double x = Math.log(seconds);
        double best = 0;
        for (int i = 0; i < centres.length; i++) {
            double z = (x - centres[i]) / spreads[i];
            best = Math.max(best, Math.exp(-0.5 * z * z));
        }
        return best;
    }

    /** The learned modes in seconds (for provenance and reports). */
    List<Double> modeSeconds() {
        List<Double> out = new ArrayList<>();
        for (double c : centres) {
            out.add(Math.exp(c));
        }
        return out;
    }

    private static double[] smooth(double[] h) {
        double[] s = new double[h.length];
        for (int i = 0; i < h.length; i++) {
            s[i] = h[i] + (i > 0 ? h[i - 1] : 0) + (i + 1 < h.length ? h[i + 1] : 0);
        }
        return s;
    }

    private static double[] within(double[] xs, double c, double w) {
        int n = 0;
        for (double x : xs) {
            if (Math.abs(x - c) <= w) {
                n++;
            }
        }
        double[] out = new double[n];
        int k = 0;
        for (double x : xs) {
            if (Math.abs(x - c) <= w) {
                out[k++] = x;
            }
        }
        return out;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
