package org.beaconwatch.ml.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Computes an {@link Evaluation} from labels and scores. */
public final class Evaluator {
    static final int CURVE_POINTS = 200;
    static final int TRIAGE_HOSTS = 25;

    private Evaluator() {
    }

    /**
     * Scores of one evaluation set.
     *
     * @param positive       per row, whether the label is positive
     * @param risk           the risk score that alerts are raised on
     * @param probability    supervised probability of "malicious" (null for unsupervised models)
     * @param anomaly        anomaly percentile (may be null)
     * @param trueClass      true class per row (multiclass; null for binary)
     * @param predictedClass arg-max class per row (multiclass; null for binary)
     * @param classProb      class probabilities per row, {@code classes} order (multiclass; null for binary)
     * @param classes        classes (empty for binary)
     * @param hosts          host per row for triage (null: no triage)
     * @param reasons        reasons per row ("feature=value (+0.12); ...", may hold nulls)
     */
    // arrays by design: columnar data handed over without copies; never compared or hashed by value
    @SuppressWarnings("ArrayRecordComponent")
    public record Scores(boolean[] positive, double[] risk, double[] probability, double[] anomaly,
                         String[] trueClass, String[] predictedClass, double[][] classProb, List<String> classes,
                         String[] hosts, String[] reasons) {
    }

    /**
     * Evaluates one model's scores against the labels.
     *
     * @param name       what is evaluated
     * @param model      model description
     * @param s          the scores
     * @param threshold  alert threshold (chosen on validation data)
     * @param baselines  extra named scores to report PR-AUC for (e.g. a one-feature baseline)
     */
    public static Evaluation evaluate(String name, String model, Scores s, double threshold,
                                      Map<String, double[]> baselines) {
        boolean[] y = s.positive();
        double[] risk = s.risk();
        int pos = BinaryMetrics.count(y);
        Confusion c = BinaryMetrics.confusion(risk, y, threshold);
        Map<String, Double> byScore = new LinkedHashMap<>();
        byScore.put("risk", BinaryMetrics.averagePrecision(risk, y));
        if (s.probability() != null) {
            byScore.put("probability", BinaryMetrics.averagePrecision(s.probability(), y));
        }
        if (s.anomaly() != null) {
            byScore.put("anomaly", BinaryMetrics.averagePrecision(s.anomaly(), y));
        }
        if (baselines != null) {
            for (var e : baselines.entrySet()) {
                byScore.put(e.getKey(), BinaryMetrics.averagePrecision(e.getValue(), y));
            }
        }
        double brier = s.probability() == null ? Double.NaN : BinaryMetrics.brier(s.probability(), y);
        List<ReliabilityBin> rel = s.probability() == null ? List.of() : BinaryMetrics.reliability(s.probability(), y, 10);
        List<Evaluation.ClassFigures> perClass = new ArrayList<>();
        long[][] cm = new long[0][0];
        List<String> classes = s.classes() == null ? List.of() : s.classes();
        if (!classes.isEmpty() && s.trueClass() != null) {
            int k = classes.size();
            cm = new long[k][k];
            Map<String, Integer> idx = new HashMap<>();
            for (int i = 0; i < k; i++) {
                idx.put(classes.get(i), i);
            }
            for (int r = 0; r < y.length; r++) {
                Integer t = idx.get(s.trueClass()[r]);
                Integer p = idx.get(s.predictedClass()[r]);
                if (t != null && p != null) {
                    cm[t][p]++;
                }
            }
            for (int i = 0; i < k; i++) {
                long tp = cm[i][i];
                long support = 0;
                long called = 0;
                for (int j = 0; j < k; j++) {
                    support += cm[i][j];
                    called += cm[j][i];
                }
                // undefined, not zero, for a class never present or never predicted (n/a in output, null in JSON)
                double prec = called == 0 ? Double.NaN : (double) tp / called;
                double rec = support == 0 ? Double.NaN : (double) tp / support;
                double f1 = Double.isNaN(prec) || Double.isNaN(rec) ? Double.NaN
                        : prec + rec == 0 ? 0 : 2 * prec * rec / (prec + rec);
                double ap = Double.NaN;
                if (s.classProb() != null) {
                    double[] pc = new double[y.length];
                    boolean[] yc = new boolean[y.length];
                    for (int r = 0; r < y.length; r++) {
                        pc[r] = s.classProb()[r][i];
                        yc[r] = classes.get(i).equals(s.trueClass()[r]);
                    }
                    ap = BinaryMetrics.averagePrecision(pc, yc);
                }
                perClass.add(new Evaluation.ClassFigures(classes.get(i), support, prec, rec, f1, ap));
            }
        }
        List<Evaluation.HostRisk> triage = s.hosts() == null ? List.of()
                : triage(s.hosts(), risk, y, s.reasons(), threshold, TRIAGE_HOSTS);
        return new Evaluation(name, model, y.length, pos, byScore.get("risk"), y.length == 0 ? Double.NaN
                : (double) pos / y.length, BinaryMetrics.rocAuc(risk, y), threshold, c, c.precision(), c.recall(),
                c.f1(), brier, rel, byScore, BinaryMetrics.prCurve(risk, y, CURVE_POINTS),
                BinaryMetrics.rocCurve(risk, y, CURVE_POINTS), classes, perClass, cm, triage, null,
                Map.of(), false, List.of(), List.of(), perClass.isEmpty() ? null : averages(perClass, cm));
    }

    /**
     * Hosts ranked by a roll-up of their rows' risks, each with the reasons that recur most among
     * its alerting rows (or its five riskiest rows when none alerts).
     *
     * <p>Roll-up: {@code hostScore = sum of risks + max risk}. With a calibrated probability the sum
     * is the expected number of malicious rows of the host (one confident alert and many weak
     * signals both count), and the maximum keeps a host with one very suspicious row above a host
     * with a few middling ones of the same sum. Ties are broken by evidence: more alerts, then the
     * higher maximum, then more rows; only hosts whose rows carry identical risks still tie, and
     * they are listed by name so the order is reproducible.
     *
     * @param positive labels, or null for unlabelled data
     * @param top      hosts kept (0 = all)
     */
    public static List<Evaluation.HostRisk> triage(String[] hosts, double[] risk, boolean[] positive, String[] reasons,
                                                   double threshold, int top) {
        Map<String, List<Integer>> rowsOf = new LinkedHashMap<>();
        for (int r = 0; r < hosts.length; r++) {
            rowsOf.computeIfAbsent(hosts[r] == null ? "(none)" : hosts[r], k -> new ArrayList<>()).add(r);
        }
        List<Evaluation.HostRisk> out = new ArrayList<>();
        for (var e : rowsOf.entrySet()) {
            List<Integer> rs = e.getValue();
            rs.sort((a, b) -> Double.compare(risk[b], risk[a]));
            long alerts = 0;
            long known = 0;
            double sum = 0;
            for (int r : rs) {
                if (risk[r] >= threshold) {
                    alerts++;
                }
                if (positive != null && positive[r]) {
                    known++;
                }
                sum += risk[r];
            }
            int look = (int) Math.max(Math.min(5, rs.size()), Math.min(alerts, 200));
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (int i = 0; i < look; i++) {
                String rsn = reasons == null ? null : reasons[rs.get(i)];
                if (rsn == null || rsn.isEmpty()) {
                    continue;
                }
                for (String part : rsn.split("; ", -1)) {
                    int eq = part.indexOf('=');
                    String f = eq < 0 ? part : part.substring(0, eq);
                    counts.merge(f, 1, Integer::sum);
                }
            }
            List<Map.Entry<String, Integer>> ranked = new ArrayList<>(counts.entrySet());
            ranked.sort((a, b) -> b.getValue() - a.getValue());
            List<String> top3 = new ArrayList<>();
            for (int i = 0; i < Math.min(3, ranked.size()); i++) {
                top3.add(ranked.get(i).getKey());
            }
            double max = risk[rs.get(0)];
            out.add(new Evaluation.HostRisk(e.getKey(), rs.size(), alerts, max, known, top3, sum, sum + max));
        }
        out.sort(HOST_ORDER);
        return top > 0 && out.size() > top ? List.copyOf(out.subList(0, top)) : out;
    }

    /** Triage order: roll-up, then alerts, maximum risk, rows, and finally the host name. */
    static final java.util.Comparator<Evaluation.HostRisk> HOST_ORDER =
            java.util.Comparator.comparingDouble(Evaluation.HostRisk::hostScore).reversed()
                    .thenComparing(java.util.Comparator.comparingLong(Evaluation.HostRisk::alerts).reversed())
                    .thenComparing(java.util.Comparator.comparingDouble(Evaluation.HostRisk::maxRisk).reversed())
                    .thenComparing(java.util.Comparator.comparingLong(Evaluation.HostRisk::rows).reversed())
                    .thenComparing(Evaluation.HostRisk::host);

    /** Macro and support-weighted averages over classes with support; undefined figures are skipped. */
    static Evaluation.ClassAverages averages(List<Evaluation.ClassFigures> perClass, long[][] cm) {
        double[][] acc = new double[4][4]; // per figure: macro sum, macro n, weighted sum, weight
        long total = 0;
        long right = 0;
        for (int i = 0; i < cm.length; i++) {
            right += cm[i][i];
            for (long v : cm[i]) {
                total += v;
            }
        }
        for (Evaluation.ClassFigures c : perClass) {
            if (c.support() == 0) {
                continue;
            }
            double[] f = {c.precision(), c.recall(), c.f1(), c.prAuc()};
            for (int k = 0; k < 4; k++) {
                // a class never predicted has undefined precision; count it as 0 as scikit-learn does
                double v = Double.isNaN(f[k]) && k != 3 ? 0 : f[k];
                if (!Double.isNaN(v)) {
                    acc[k][0] += v;
                    acc[k][1]++;
                    acc[k][2] += v * c.support();
                    acc[k][3] += c.support();
                }
            }
        }
        double[] out = new double[8];
        for (int k = 0; k < 4; k++) {
            out[k] = acc[k][1] == 0 ? Double.NaN : acc[k][0] / acc[k][1];
            out[4 + k] = acc[k][3] == 0 ? Double.NaN : acc[k][2] / acc[k][3];
        }
        return new Evaluation.ClassAverages(out[0], out[1], out[2], out[3], out[4], out[5], out[6], out[7],
                total == 0 ? Double.NaN : (double) right / total);
    }

    /** Cross-validation summary from per-fold PR-AUCs and pooled out-of-fold scores. */
    public static Evaluation.CrossValidation crossValidation(String kind, double[] foldPrAuc, double pooled) {
        double sum = 0;
        int n = 0;
        for (double v : foldPrAuc) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        double mean = n == 0 ? Double.NaN : sum / n;
        double ss = 0;
        for (double v : foldPrAuc) {
            if (!Double.isNaN(v)) {
                ss += (v - mean) * (v - mean);
            }
        }
        List<Double> folds = new ArrayList<>();
        for (double v : foldPrAuc) {
            folds.add(v);
        }
        return new Evaluation.CrossValidation(kind, folds, mean, n > 1 ? Math.sqrt(ss / (n - 1)) : 0, pooled);
    }

    static double[] copy(double[] v) {
        return v == null ? null : Arrays.copyOf(v, v.length);
    }
}
