package org.beaconwatch.ml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BinaryMetricsTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void matchesSlowReferenceImplementationsOnRandomScoresWithTies(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 300;
        double[] s = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextDouble() < 0.2;
            s[i] = Math.round((rnd.nextDouble() + (y[i] ? 0.3 : 0)) * 20) / 20.0; // many ties
        }
        // reference AUC: pairwise comparison
        double win = 0;
        int pairs = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (y[i] && !y[j]) {
                    pairs++;
                    win += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                }
            }
        }
        assertThat(BinaryMetrics.rocAuc(s, y)).isCloseTo(win / pairs, within(1e-12));
        // reference AP: for each distinct threshold, precision * recall increment
        java.util.TreeSet<Double> th = new java.util.TreeSet<>(java.util.Comparator.reverseOrder());
        for (double v : s) {
            th.add(v);
        }
        int pos = 0;
        for (boolean b : y) {
            pos += b ? 1 : 0;
        }
        double ap = 0;
        double prevRecall = 0;
        for (double t : th) {
            int tp = 0;
            int fp = 0;
            for (int i = 0; i < n; i++) {
                if (s[i] >= t) {
                    if (y[i]) {
                        tp++;
                    } else {
                        fp++;
                    }
                }
            }
            double recall = (double) tp / pos;
            ap += (recall - prevRecall) * tp / (tp + fp);
            prevRecall = recall;
        }
        assertThat(BinaryMetrics.averagePrecision(s, y)).isCloseTo(ap, within(1e-12));
    }

    @Test
    void perfectRankingAndThresholdBetweenTheClasses() {
        double[] s = {0.9, 0.8, 0.3, 0.2, 0.1};
        boolean[] y = {true, true, false, false, false};
        assertThat(BinaryMetrics.averagePrecision(s, y)).isEqualTo(1.0);
        assertThat(BinaryMetrics.rocAuc(s, y)).isEqualTo(1.0);
        double t = BinaryMetrics.bestF1Threshold(s, y);
        assertThat(t).isBetween(0.3, 0.8);
        Confusion c = BinaryMetrics.confusion(s, y, t);
        assertThat(c).isEqualTo(new Confusion(2, 0, 3, 0));
        assertThat(BinaryMetrics.brier(new double[] {1, 0}, new boolean[] {true, false})).isZero();
        assertThat(BinaryMetrics.reliability(new double[] {0.05, 0.95, 0.95}, new boolean[] {false, true, false}, 10))
                .extracting(ReliabilityBin::observedRate).containsExactly(0.0, 0.5);
    }
    @Test
    void meanFoldF1WeighsEverySmallFoldLikeTheBigOne() {
        // fold 0: 100 rows, positives above 0.8; fold 1: 4 rows, its positive scores 0.3
        int n = 104;
        double[] score = new double[n];
        boolean[] y = new boolean[n];
        int[] fold = new int[n];
        for (int i = 0; i < 100; i++) {
            y[i] = i < 20;
            score[i] = y[i] ? 0.85 + i * 0.001 : 0.1 + i * 0.004; // negatives up to 0.496
        }
        score[100] = 0.3;
        y[100] = true;
        score[101] = 0.05;
        score[102] = 0.04;
        score[103] = 0.03;
        for (int i = 100; i < n; i++) {
            fold[i] = 1;
        }
        double pooled = BinaryMetrics.bestF1Threshold(score, y);
        double mean = BinaryMetrics.macroFoldF1Threshold(score, y, fold);
        assertThat(pooled).as("pooled: the big fold decides").isGreaterThan(0.5);
        // mean F1: catching fold 1's positive (F1 1 there) outweighs the big fold's false alerts below 0.5
        assertThat(mean).isLessThanOrEqualTo(0.3);
        assertThat(BinaryMetrics.confusion(score, y, mean).tp()).isEqualTo(21);
    }
}
