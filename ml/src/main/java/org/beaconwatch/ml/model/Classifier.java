package org.beaconwatch.ml.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.beaconwatch.ml.features.FeatureMatrix;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * A Tribuo classifier over a feature matrix, returning class probabilities.
 *
 * <p>GBT: XGBoost through Tribuo (multi:softprob), depth 6, eta 0.1, row and column subsampling
 * 0.8, histogram tree method, one thread (so the same seed gives the same model on any machine).
 * RF: bagged CART trees
 * with sqrt(F) features per split, Gini impurity, depth at most 12, leaves of at least 5 rows
 * (weight), probabilities averaged
 * over trees ({@code FullyWeightedVotingCombiner}).
 */
final class Classifier {
    /** Keeps Tribuo's INFO chatter off stderr; held strongly so the setting is not garbage-collected. */
    static final Logger TRIBUO_LOGGER = Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOGGER.setLevel(Level.WARNING);
    }

    /** Makes sure the logger level is set before Tribuo logs anything. */
    static void quietTribuo() {
        TRIBUO_LOGGER.setLevel(Level.WARNING);
    }

    /** Depth limit of random-forest trees (Tribuo's CART is slow on unlimited depth). */
    static final int RF_MAX_DEPTH = 12;
    /** Default trees: boosting needs more, shallower steps; the forest's averaging saturates sooner. */
    static final int GBT_TREES = 150;
    static final int RF_TREES = 60;

    private final Model<Label> model;
    private final List<String> classes;
    private final String[] names;

    private Classifier(Model<Label> model, List<String> classes, String[] names) {
        this.model = model;
        this.classes = classes;
        this.names = names;
    }

    static Classifier train(ModelKind kind, FeatureMatrix x, int[] rows, String[] classOf, long seed, int trees) {
        LabelFactory lf = new LabelFactory();
        MutableDataset<Label> ds = new MutableDataset<>(new SimpleDataSourceProvenance("beaconwatch", lf), lf);
        String[] names = x.names().toArray(new String[0]);
        for (int r : rows) {
            ds.add(new ArrayExample<>(new Label(classOf[r]), names, x.values()[r].clone()));
        }
        int f = names.length;
        if (trees <= 0) {
            trees = kind == ModelKind.RF ? RF_TREES : GBT_TREES;
        }
        Model<Label> m;
        if (kind == ModelKind.RF) {
            // Tribuo needs a fraction below 1; it rounds fraction * F, so 0.5 still keeps 1 of 1 or 2 features
            float frac = f <= 2 ? 0.5f : (float) Math.max(1.0 / f, Math.min(0.99, Math.sqrt(f) / f));
            CARTClassificationTrainer cart = new CARTClassificationTrainer(RF_MAX_DEPTH, 5f, 0f, frac, false,
                    new GiniIndex(), seed);
            m = new RandomForestTrainer<>(cart, new FullyWeightedVotingCombiner(), trees, seed).train(ds);
        } else {
            m = new XGBoostClassificationTrainer(XGBoostTrainer.BoosterType.GBTREE, XGBoostTrainer.TreeMethod.HIST, trees,
                    0.1, 0, 6, 1, 0.8, 0.8, 1, 0, 1, XGBoostTrainer.LoggingVerbosity.SILENT, seed).train(ds);
        }
        List<String> cls = new ArrayList<>();
        for (Label l : m.getOutputIDInfo().getDomain()) {
            cls.add(l.getLabel());
        }
        cls.sort(null);
        return new Classifier(m, List.copyOf(cls), names);
    }

    /** Tribuo's protobuf form of the model (no Java serialisation). */
    byte[] protoBytes() {
        return model.serialize().toByteArray();
    }

    /**
     * The classifier from Tribuo's protobuf form, already checked by {@link TribuoProtos#parseChecked}.
     *
     * @param classes the classes as recorded beside it (must be the model's output domain)
     * @param names   the feature names, in order (must be the model's features)
     * @throws IllegalArgumentException when the model is not a label classifier over these features and classes
     */
    @SuppressWarnings("unchecked")
    static Classifier of(org.tribuo.protos.core.ModelProto proto, List<String> classes, List<String> names) {
        quietTribuo();
        Model<?> m = Model.deserialize(proto);
        if (!m.validate(Label.class)) {
            throw new IllegalArgumentException("the classifier does not predict labels");
        }
        Model<Label> lm = (Model<Label>) m;
        List<String> domain = new ArrayList<>();
        for (Label l : lm.getOutputIDInfo().getDomain()) {
            domain.add(l.getLabel());
        }
        domain.sort(null);
        if (!domain.equals(classes)) {
            throw new IllegalArgumentException("the classifier predicts " + domain + ", the file says " + classes);
        }
        for (var f : lm.getFeatureIDMap()) {
            if (!names.contains(f.getName())) {
                throw new IllegalArgumentException("the classifier uses a feature the model does not compute");
            }
        }
        return new Classifier(lm, List.copyOf(classes), names.toArray(new String[0]));
    }

    List<String> classes() {
        return classes;
    }

    /**
     * Each feature's share of the booster's total split gain ({@code total_gain}), summing to 1;
     * empty for models that are not boosters (the random forest).
     */
    Map<String, Double> gainShares() {
        if (!(model instanceof org.tribuo.common.xgboost.XGBoostModel<?> xm)) {
            return Map.of();
        }
        Map<String, Double> total = new java.util.HashMap<>();
        for (var fi : xm.getFeatureImportance()) {
            for (var e : fi.getTotalGain().entrySet()) {
                total.merge(e.getKey(), e.getValue(), Double::sum);
            }
        }
        double sum = 0;
        for (double v : total.values()) {
            sum += v;
        }
        Map<String, Double> out = new java.util.HashMap<>();
        for (var e : total.entrySet()) {
            out.put(e.getKey(), sum > 0 ? e.getValue() / sum : 0.0);
        }
        return out;
    }

    /** Probabilities per row (of {@code x}), per class in {@link #classes()} order. */
    double[][] proba(double[][] x) {
        List<Example<Label>> ex = new ArrayList<>(x.length);
        Label unknown = LabelFactory.UNKNOWN_LABEL;
        for (double[] row : x) {
            ex.add(new ArrayExample<>(unknown, names, row.clone()));
        }
        double[][] out = new double[x.length][classes.size()];
        if (x.length == 0) {
            return out;
        }
        List<Prediction<Label>> preds = model.predict(ex);
        for (int i = 0; i < preds.size(); i++) {
            Map<String, Label> scores = preds.get(i).getOutputScores();
            for (int c = 0; c < classes.size(); c++) {
                Label l = scores.get(classes.get(c));
                out[i][c] = l == null ? 0 : l.getScore();
            }
        }
        return out;
    }
}
