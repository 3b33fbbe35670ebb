package org.beaconwatch.ml;

import java.io.IOException;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import org.beaconwatch.ml.model.ScoredRows;
import org.beaconwatch.ml.model.TrainedModel;
import org.beaconwatch.score.Finding;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;

/**
 * A trained channel model ({@code train --features channel}) applied to the findings of a detection
 * run: each finding becomes the same per-channel row the model was trained on
 * ({@link ChannelInputs#table}) and gets the model's risk. The findings, their scores and their
 * ranks are left as they are; the risk is shown beside them.
 */
public final class ChannelModelScores {
    private final TrainedModel model;
    private final Path file;

    private ChannelModelScores(TrainedModel model, Path file) {
        this.model = model;
        this.file = file;
    }

    /**
     * Loads a model file (JSON, never Java-deserialised) and checks that it scores channels.
     *
     * @throws IOException              when the file cannot be read as a model
     * @throws IllegalArgumentException when the model was trained on other rows than channels
     */
    public static ChannelModelScores load(Path file) throws IOException {
        TrainedModel m = TrainedModel.load(file);
        String fs = m.provenance().featureSet();
        if (fs == null || !fs.trim().equalsIgnoreCase("channel")) {
            throw new IllegalArgumentException(file + ": the model was trained on '" + fs + "' features, not on channels; "
                    + "detect --model needs a model trained with --features channel");
        }
        return new ChannelModelScores(m, file);
    }

    /** The model's alert threshold on the risk. */
    public double threshold() {
        return model.threshold();
    }

    /** The model file. */
    public Path file() {
        return file;
    }

    /** The model itself (provenance, test figures). */
    public TrainedModel model() {
        return model;
    }

    /**
     * The model's risk of each finding, by identity. A statistic the model knows but no finding
     * of this run has (a finding type absent here) is given as missing, which the model's imputer
     * fills as it does for any missing value.
     */
    public IdentityHashMap<Finding, Double> risks(List<Finding> findings) {
        IdentityHashMap<Finding, Double> out = new IdentityHashMap<>();
        if (findings.isEmpty()) {
            return out;
        }
        DataTable t = ChannelInputs.table(findings);
        for (String c : model.provenance().inputColumns()) {
            if (t.column(c).isEmpty()) {
                double[] nan = new double[t.rows()];
                java.util.Arrays.fill(nan, Double.NaN);
                t = t.with(new Column.Numeric(c, Column.Role.FEATURE, nan));
            }
        }
        ScoredRows s = model.score(t);
        for (int i = 0; i < findings.size(); i++) {
            out.put(findings.get(i), s.risk()[i]);
        }
        return out;
    }
}
