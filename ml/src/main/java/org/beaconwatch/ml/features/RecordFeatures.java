package org.beaconwatch.ml.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;

/**
 * Per-record features from whatever feature columns a table carries: the NSL-KDD record
 * features, flow fields (duration, bytes, packets, protocol, service, state, destination port,
 * server name), or the per-channel scores and statistics of the detection engine.
 *
 * <p>Numeric columns are used as they are (trees need no scaling), with the training median for
 * missing cells and a {@code _missing} indicator when training saw missing cells. Categorical
 * columns become a smoothed target rate ({@code _risk}, {@link TargetRate}) and a rarity
 * ({@code _rarity}), both fitted on training rows only; unseen values get the prior and maximal
 * rarity. Identifiers (addresses, uids, event ids, users), the time, labels, source ports
 * (ephemeral, they leak capture order) and any excluded column are left out.
 */
public final class RecordFeatures implements FeatureSet {
    /** Columns never used as features: label-adjacent or capture artefacts. */
    static final Set<String> ALWAYS_EXCLUDED = Set.of("srcport", "sport", "correctlypredicted", "#correctlypredicted",
            "difficulty", "difficultylevel", "detailedlabel", "label", "uid", "eventid");

    private final Set<String> excluded = new TreeSet<>();
    private final String name;

    /** @param excluded extra column names to leave out (the label column, for one) */
    public RecordFeatures(List<String> excluded) {
        this(excluded, "record");
    }

    /**
     * @param excluded extra column names to leave out
     * @param name     {@code record}, or {@code channel} for per-channel tables of the detection engine
     */
    public RecordFeatures(List<String> excluded, String name) {
        for (String e : excluded) {
            this.excluded.add(DataTable.key(e));
        }
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    /** Whether {@code t} has a column this set would use (a feature column not excluded). */
    boolean hasFeatures(DataTable t) {
        for (Column c : t.columns()) {
            String k = DataTable.key(c.name());
            if (c.role() == Column.Role.FEATURE && !excluded.contains(k) && !ALWAYS_EXCLUDED.contains(k)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public FittedFeatures fit(DataTable t, int[] train, boolean[] positive) {
        Fitted f = new Fitted();
        for (Column c : t.columns()) {
            String k = DataTable.key(c.name());
            if (c.role() != Column.Role.FEATURE || excluded.contains(k) || ALWAYS_EXCLUDED.contains(k)) {
                continue;
            }
            boolean numeric = c instanceof Column.Numeric && !k.endsWith("port");
            if (numeric) {
                NumericImputer imp = NumericImputer.fit(InputColumns.numbers(c), train);
                f.numeric.add(c.name());
                f.imputers.add(imp);
            } else {
                f.categorical.add(c.name());
                f.rates.add(TargetRate.fit(InputColumns.texts(c), train, positive));
            }
        }
        if (f.numeric.isEmpty() && f.categorical.isEmpty()) {
            throw new IllegalArgumentException("input has no feature columns (only " + t.names() + ")");
        }
        List<String> n = new ArrayList<>();
        for (int i = 0; i < f.numeric.size(); i++) {
            n.add(f.numeric.get(i));
            if (f.imputers.get(i).sawMissing) {
                n.add(f.numeric.get(i) + "_missing");
            }
        }
        for (String c : f.categorical) {
            n.add(c + "_risk");
            n.add(c + "_rarity");
        }
        f.names = List.copyOf(n);
        return f;
    }

    static final class Fitted implements FittedFeatures {
        final List<String> numeric = new ArrayList<>();
        final List<NumericImputer> imputers = new ArrayList<>();
        final List<String> categorical = new ArrayList<>();
        final List<TargetRate> rates = new ArrayList<>();
        List<String> names;

        @Override
        public List<String> names() {
            return names;
        }

        @Override
        public List<String> inputColumns() {
            List<String> c = new ArrayList<>(numeric);
            c.addAll(categorical);
            return c;
        }

        @Override
        public FeatureMatrix transform(DataTable t) {
            InputColumns.checkPresent(t, inputColumns(), names);
            int n = t.rows();
            double[][] x = new double[n][names.size()];
            int j = 0;
            for (int i = 0; i < numeric.size(); i++) {
                Column c = t.column(numeric.get(i)).orElseThrow();
                if (InputColumns.isText(c)) {
                    throw new IllegalArgumentException("column " + c.name()
                            + " was numeric in the training data but holds text here; the model cannot use it");
                }
                double[] v = InputColumns.numbers(c);
                NumericImputer imp = imputers.get(i);
                for (int r = 0; r < n; r++) {
                    x[r][j] = imp.apply(v[r]);
                }
                j++;
                if (imp.sawMissing) {
                    for (int r = 0; r < n; r++) {
                        x[r][j] = Double.isNaN(v[r]) ? 1 : 0;
                    }
                    j++;
                }
            }
            for (int i = 0; i < categorical.size(); i++) {
                String[] v = InputColumns.texts(t.column(categorical.get(i)).orElseThrow());
                TargetRate tr = rates.get(i);
                for (int r = 0; r < n; r++) {
                    x[r][j] = tr.rate(v[r]);
                    x[r][j + 1] = tr.rarity(v[r]);
                }
                j += 2;
            }
            return new FeatureMatrix(names, x);
        }
    }
}
