package org.beaconwatch.ml.features;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.beaconwatch.table.DataTable;

/** Several feature sets side by side (for example per record + per entity and time). */
final class CombinedFeatures implements FeatureSet {
    private final List<FeatureSet> parts;

    CombinedFeatures(List<FeatureSet> parts) {
        this.parts = List.copyOf(parts);
    }

    @Override
    public String name() {
        List<String> n = new ArrayList<>();
        for (FeatureSet p : parts) {
            n.add(p.name());
        }
        return String.join("+", n);
    }

    @Override
    public FittedFeatures fit(DataTable table, int[] train, boolean[] positive) {
        List<FittedFeatures> fitted = new ArrayList<>();
        for (FeatureSet p : parts) {
            fitted.add(p.fit(table, train, positive));
        }
        return new Fitted(fitted);
    }

    static final class Fitted implements FittedFeatures {
        final List<FittedFeatures> parts;
        final List<String> names;

        Fitted(List<FittedFeatures> parts) {
            this.parts = List.copyOf(parts);
            List<String> n = new ArrayList<>();
            LinkedHashSet<String> seen = new LinkedHashSet<>();
            for (FittedFeatures p : parts) {
                for (String s : p.names()) {
                    if (!seen.add(s)) {
                        throw new IllegalStateException("duplicate feature name " + s);
                    }
                    n.add(s);
                }
            }
            this.names = List.copyOf(n);
        }

        @Override
        public List<String> names() {
            return names;
        }

        @Override
        public List<String> inputColumns() {
            LinkedHashSet<String> c = new LinkedHashSet<>();
            for (FittedFeatures p : parts) {
                c.addAll(p.inputColumns());
            }
            return List.copyOf(c);
        }

        @Override
        public FeatureMatrix transform(DataTable t) {
            InputColumns.checkPresent(t, inputColumns(), names);
            List<FeatureMatrix> ms = new ArrayList<>();
            for (FittedFeatures p : parts) {
                ms.add(p.transform(t));
            }
            double[][] x = new double[t.rows()][names.size()];
            for (int r = 0; r < x.length; r++) {
                int j = 0;
                for (FeatureMatrix m : ms) {
                    double[] src = m.values()[r];
                    System.arraycopy(src, 0, x[r], j, src.length);
                    j += src.length;
                }
            }
            return new FeatureMatrix(names, x);
        }
    }
}
