package org.beaconwatch.ml.model;

import org.beaconwatch.ml.eval.Evaluation;
import org.beaconwatch.ml.split.Split;

/**
 * What {@link ModelTrainer#train} returns.
 *
 * @param model      the model trained on the training part
 * @param test       its evaluation on the held-out test part (with cross-validation figures)
 * @param split      the split used
 * @param labelsUsed labelled rows used (train + test)
 * @param dropped    rows without a usable label (missing, or background when dropped)
 */
public record TrainingResult(TrainedModel model, Evaluation test, Split split, int labelsUsed, int dropped) {
}
