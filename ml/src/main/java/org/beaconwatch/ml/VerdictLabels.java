package org.beaconwatch.ml;

import java.util.List;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;
import org.beaconwatch.verdict.Verdict;

/**
 * Analyst verdicts as channel labels: each row of a per-channel table ({@code src}, {@code dst},
 * {@code dst_port}, {@code server_name}) takes the label of the last verdict that names its channel
 * ({@link Verdict#matches}): {@code benign} and {@code malicious} become the labels {@code benign}
 * and {@code malicious}; {@code unsure} is no verdict. Channels without a verdict keep their capture
 * label when verdicts are added on top of one, and have no label (left out of training) otherwise.
 */
public final class VerdictLabels {
    /** The label column written. */
    public static final String COLUMN = "analyst_label";

    private VerdictLabels() {
    }

    /**
     * What applying verdicts did.
     *
     * @param table     the table with the {@link #COLUMN} label column added
     * @param benign    rows labelled benign by a verdict
     * @param malicious rows labelled malicious by a verdict
     * @param unsure    rows whose only verdict is unsure
     * @param fromLabel rows that kept their capture label
     */
    public record Applied(DataTable table, int benign, int malicious, int unsure, int fromLabel) {
    }

    /**
     * Labels the rows of {@code t} by the analyst verdicts.
     *
     * @param t        per-channel rows
     * @param verdicts verdicts in file order (later ones win)
     * @param capture  capture label column to fall back on, or null for verdicts alone
     * @throws IllegalArgumentException when the table has no {@code src} column or the capture label column is missing
     */
    public static Applied apply(DataTable t, List<Verdict> verdicts, String capture) {
        Column src = t.column("src").orElseThrow(() -> new IllegalArgumentException(
                "verdicts label channels, but the input has no src column: use --features channel"));
        Column dst = t.column("dst").orElse(null);
        Column port = t.column("dst_port").orElse(null);
        Column server = t.column("server_name").orElse(null);
        Column base = capture == null ? null : t.column(capture).orElseThrow(() -> new IllegalArgumentException(
                "label column '" + capture + "' is not in the input"));
        String[] out = new String[t.rows()];
        int b = 0;
        int m = 0;
        int u = 0;
        int kept = 0;
        for (int r = 0; r < out.length; r++) {
            String s = src.isMissing(r) ? "" : src.text(r);
            String d = dst == null || dst.isMissing(r) ? "" : dst.text(r);
            int p = -1;
            if (port != null && !port.isMissing(r)) {
                p = port instanceof Column.Numeric n ? (int) n.values()[r] : parse(port.text(r));
            }
            String sn = server == null || server.isMissing(r) ? "" : server.text(r);
            Verdict.Kind k = null;
            for (Verdict v : verdicts) {
                if (v.matches(s, d, p, sn)) {
                    k = v.kind(); // the last verdict for the channel wins, an unsure one too
                }
            }
            if (k == Verdict.Kind.BENIGN) {
                out[r] = "benign";
                b++;
            } else if (k == Verdict.Kind.MALICIOUS) {
                out[r] = "malicious";
                m++;
            } else {
                if (k == Verdict.Kind.UNSURE) {
                    u++;
                }
                if (base != null && !base.isMissing(r)) {
                    out[r] = base.text(r);
                    kept++;
                }
            }
        }
        return new Applied(t.with(new Column.Categorical(COLUMN, Column.Role.LABEL, out)), b, m, u, kept);
    }

    private static int parse(String s) {
        try {
            return (int) Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
