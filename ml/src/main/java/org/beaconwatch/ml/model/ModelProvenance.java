package org.beaconwatch.ml.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.beaconwatch.output.Provenance;

/**
 * Where a model came from, stored as {@code provenance.json} inside the model file. The file keeps
 * this layout (model files written by earlier versions stay readable); {@link #shared()} maps it to
 * the product's one {@link Provenance} record, which pages and outputs print.
 *
 * @param formatVersion model file format version
 * @param toolVersion   Beaconwatch version
 * @param libraries     library versions (Tribuo, Java)
 * @param model         model kind (gbt, rf, iforest)
 * @param featureSet    feature set name
 * @param featureNames  feature names, in order
 * @param inputColumns  input columns the features are computed from
 * @param label         how labels were read
 * @param classes       classes the model predicts
 * @param split         split specification and what it did
 * @param seed          random seed
 * @param folds         cross-validation folds on the training part
 * @param testFraction  share of rows or groups held out for test
 * @param threshold     alert threshold on the risk, chosen on out-of-fold validation scores
 * @param trainRows     training rows used for the final model
 * @param inputs        training input files with SHA-256 digests
 * @param learned       what the feature encoders learned that a reader may want to see (e.g.
 *                      beacon intervals)
 * @param options       the remaining training options (trees, requested feature set, leaky-split
 *                      permission, baseline column)
 * @param calibration   how the supervised probability was calibrated ("platt a=.., b=.. on n out-of-fold rows")
 * @param testFigures   the figures on the held-out test part (null in files written before they were kept)
 */
public record ModelProvenance(int formatVersion, String toolVersion, Map<String, String> libraries, String model,
                              String featureSet, List<String> featureNames, List<String> inputColumns,
                              LabelSpec label, List<String> classes, String split, long seed, int folds,
                              double testFraction, double threshold, long trainRows, List<InputDigest> inputs,
                              Map<String, Object> learned, Map<String, String> options, String calibration,
                              TestFigures testFigures) {
    /** Current model file format. */
    public static final int FORMAT_VERSION = ModelFile.FORMAT_VERSION;

    /** A copy with the test figures set. */
    public ModelProvenance withTestFigures(TestFigures t) {
        return new ModelProvenance(formatVersion, toolVersion, libraries, model, featureSet, featureNames, inputColumns,
                label, classes, split, seed, folds, testFraction, threshold, trainRows, inputs, learned, options,
                calibration, t);
    }

    /** As the shared provenance: tool and version that trained the model, "train", the options and the inputs. */
    public Provenance shared() {
        List<Provenance.Input> in = new ArrayList<>();
        if (inputs != null) {
            for (InputDigest d : inputs) {
                in.add(d.toInput());
            }
        }
        StringBuilder opts = new StringBuilder("model=" + model + " features=" + featureSet + " seed=" + seed);
        if (options != null) {
            new TreeMap<>(options).forEach((k, v) -> opts.append(' ').append(k).append('=').append(v));
        }
        return new Provenance(Provenance.TOOL, toolVersion, "train", opts.toString(), "", in);
    }
}
