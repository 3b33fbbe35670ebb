package org.beaconwatch.report;

import static org.beaconwatch.report.LabelSplit.NEG;
import static org.beaconwatch.report.LabelSplit.POS;

import java.util.List;
import java.util.Map;
import org.beaconwatch.output.Numbers;
import org.beaconwatch.report.ExploreResult.ChannelView;
import org.beaconwatch.report.ExploreResult.FeatureTest;
import org.beaconwatch.report.ExploreResult.Signal;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;

/**
 * Section 7 of the labelled exploration: the detection engine's per-channel features tested
 * against the channel label, by the same {@link FeatureSection} and {@link SignalSection} as rows.
 */
final class ChannelSection {
    /** Cliff's δ (absolute) from which an effect is large (Romano et al. 2006). */
    static final double LARGE = 0.474;
    /** Positive channels below which no test can reach significance. */
    static final int FEW = 5;

    private ChannelSection() {
    }

    /** The view and each numeric channel feature's values [positive, other], for the charts. */
    record Computed(ChannelView view, Map<String, double[][]> values) {
    }

    static Computed compute(DataTable channels, ExploreOptions o, String note) {
        String what = "How the detection engine's per-channel features (timing, periodicity, size, persistence, "
                + "prevalence) separate labelled channels: ";
        if (channels == null || channels.rows() == 0) {
            String why = note != null ? note
                    : "the input has no flows with source, destination and time, so there are no channels to explore.";
            return new Computed(new ChannelView(what + "not available for this input.", false, why, 0, 0, 0, List.of(),
                    List.of()), Map.of());
        }
        String labelCol = channels.column(o.labelColumn()).isPresent() ? o.labelColumn() : "label";
        if (channels.column(labelCol).isEmpty()) {
            return new Computed(new ChannelView(what + "not available: the channel table has no label column.", false,
                    note, 0, 0, 0, List.of(), List.of()), Map.of());
        }
        String positive = o.positive();
        if (positive != null) {
            Column lc = channels.column(labelCol).get();
            boolean found = false;
            for (int i = 0; i < lc.size() && !found; i++) {
                found = !lc.isMissing(i) && lc.text(i).trim().equalsIgnoreCase(positive.trim());
            }
            if (!found) {
                positive = null;
            }
        }
        LabelSplit s = new LabelSplit(channels, o, labelCol, positive);
        FeatureSection.Computed fc = FeatureSection.compute(s);
        List<FeatureTest> feats = fc.tests();
        String pos = s.positiveName();
        List<Signal> sig = SignalSection.compute(feats, pos, "channel");
        int[] k = s.classCounts();
        String conclusion;
        if (k[POS] == 0 || k[NEG] == 0) {
            conclusion = "only one class of channel is present, so separation cannot be judged.";
        } else if (!sig.isEmpty() && Math.abs(sig.get(0).effect()) >= LARGE) {
            Signal top = sig.get(0);
            int perfect = 0;
            for (Signal x : sig) {
                perfect += Math.abs(x.effect()) >= 1.0 ? 1 : 0;
            }
            conclusion = top.feature() + " separates " + pos + " channels from the rest with a large effect ("
                    + top.effectName() + " = " + Numbers.num(top.effect()) + ")";
            if (perfect > 0 && top.kind().equals("numeric")) {
                conclusion += ": every " + pos + " channel has a " + (top.effect() > 0 ? "higher" : "lower") + " "
                        + top.feature() + " than every other channel, and " + Numbers.count(perfect) + " feature"
                        + (perfect == 1 ? " separates" : "s separate") + " the classes completely";
            }
            conclusion += k[POS] < FEW
                    ? ". With only " + Numbers.count(k[POS]) + " " + pos + " channel" + (k[POS] == 1 ? "" : "s")
                            + " no test can reach significance; read the effect sizes."
                    : ".";
        } else {
            conclusion = "no channel feature separates the classes with a large effect.";
        }
        String sentence = what + Numbers.count(channels.rows()) + " channels (" + Numbers.count(k[POS]) + " " + pos
                + ", " + Numbers.count(k[NEG]) + " other); " + conclusion;
        return new Computed(new ChannelView(sentence, true, note, channels.rows(), k[POS], k[NEG], feats, sig),
                fc.values());
    }
}
