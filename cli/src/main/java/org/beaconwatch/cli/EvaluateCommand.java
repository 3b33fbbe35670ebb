package org.beaconwatch.cli;

import org.beaconwatch.output.Provenance;
import org.beaconwatch.report.evaluation.EvaluationReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.beaconwatch.ml.ChannelInputs;
import org.beaconwatch.ml.TableInputs;
import org.beaconwatch.ml.eval.Evaluation;
import org.beaconwatch.ml.model.LabelSpec;
import org.beaconwatch.ml.model.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code beaconwatch evaluate}: measures a saved model on other labelled data. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluates a model on labelled logs it was not trained on (another capture, another day), "
                + "with the threshold chosen at training time: PR-AUC, ROC-AUC, precision/recall/F1, confusion matrix, "
                + "calibration, per-class figures and the host triage table.",
            "Example: beaconwatch evaluate --model day1.bwm day2.conn.log --html eval.html"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:evaluated", "1:error (unreadable input or model, missing columns, no labels)",
            "2:usage error"})
final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    InputOptions input;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "Model file written by train.")
    Path model;

    @Option(names = "--label", paramLabel = "COL", description = "Label column; default: the one used in training.")
    String label;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the evaluation as JSON.")
    Path json;

    @Option(names = "--html", paramLabel = "FILE", description = "Write the evaluation as an HTML page.")
    Path html;

    @Override
    public Integer call() throws Exception {
        new OutputPaths().inputs(input.inputs).input(model).file("--json", json).file("--html", html).check();
        TrainedModel m = TrainedModel.load(model);
        LabelSpec l = m.provenance().label();
        if (label != null) {
            l = l.withColumn(label);
        }
        TableInputs.Read read = TrainCommand.channel(m.provenance().featureSet())
                ? ChannelInputs.read(input.inputs, input.readOptions())
                : TableInputs.read(input.inputs, input.readOptions());
        Reports.printWarnings(read.reports(), System.err);
        Evaluation e = m.evaluate(read.table(), l, String.join(", ", read.table().sourceNames()));
        java.util.List<String> seen = m.trainingInputsAmong(input.inputs);
        if (!seen.isEmpty()) {
            e = e.withTrainingInputsEvaluated(seen);
            System.err.println("warning: " + EvaluationOutput.trainingDataWarning(e));
        }
        EvaluationOutput.print(e, System.out);
        EvaluationOutput.warnSingleClass(e);
        EvaluationOutput.write(e, json, null, null);
        if (html != null) {
            EvaluationReport.write(e, Provenance.of("evaluate", "model=" + model + (label == null ? "" : " label=" + label),
                    Provenance.digest(input.inputs)), html);
            System.err.println("wrote " + html);
        }
        return ExitCodes.OK;
    }
}
