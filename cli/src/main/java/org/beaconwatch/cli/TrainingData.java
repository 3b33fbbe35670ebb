package org.beaconwatch.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.beaconwatch.ml.BenignCaptures;
import org.beaconwatch.ml.ChannelInputs;
import org.beaconwatch.ml.TableInputs;
import org.beaconwatch.ml.VerdictLabels;
import org.beaconwatch.ml.ahead.LanlEvents;
import org.beaconwatch.ml.ahead.PredictAhead;
import org.beaconwatch.ml.model.InputDigest;
import org.beaconwatch.output.TerminalText;
import org.beaconwatch.table.DataTable;
import org.beaconwatch.verdict.Verdict;
import org.beaconwatch.verdict.VerdictFile;

/**
 * The labelled table {@code train} learns from, and the digests of every file that went into it
 * (recorded in the model's provenance). Made in steps: {@link #read} or {@link #readAhead} reads the
 * inputs, {@link #withBenignCaptures} and {@link #withVerdicts} fill in labels. Each step prints what
 * it did on stderr; a label the data cannot take is a usage error.
 *
 * @param table   the rows, one per record, channel or (pair, window) example
 * @param digests SHA-256 of the inputs, then of the verdict file when verdicts were applied
 */
record TrainingData(DataTable table, List<InputDigest> digests) {

    /**
     * Reads the inputs as one table: per-channel rows of the detection engine when {@code channelRows},
     * else the rows of the inputs (at most {@code maxRows} per input, a sample seeded by {@code seed},
     * 0 = all). Prints the per-file warnings of skipped records on {@code err}.
     */
    static TrainingData read(InputOptions input, boolean channelRows, int maxRows, long seed, PrintStream err)
            throws IOException {
        TableInputs.Read read = channelRows ? ChannelInputs.read(input.inputs, input.readOptions())
                : TableInputs.read(input.inputs, input.readOptions(), maxRows, seed);
        Reports.printWarnings(read.reports(), err);
        return new TrainingData(read.table(), new ArrayList<>(InputDigest.of(input.inputs)));
    }

    /**
     * Reads LANL events and turns them into predict-ahead examples, one per (src, dst) pair and window of
     * {@code windowSeconds} seconds ({@code window} as the user wrote it, for the message on {@code err}).
     */
    static TrainingData readAhead(List<Path> inputs, String window, long windowSeconds, PrintStream err)
            throws IOException {
        var ev = LanlEvents.read(inputs);
        var ex = PredictAhead.examples(ev, windowSeconds);
        err.printf(Locale.ROOT, "predict ahead: %,d events -> %,d (pair, %s window) examples%n", ev.size(),
                ex.rows(), window);
        return new TrainingData(ex, new ArrayList<>(InputDigest.of(inputs)));
    }

    /** Labels benign the unlabelled rows of the inputs whose name contains one of {@code captures}. */
    TrainingData withBenignCaptures(String label, List<String> captures, PrintStream err) {
        BenignCaptures.Applied b;
        try {
            b = BenignCaptures.apply(table, label, captures);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        err.printf(Locale.ROOT, "benign:     %,d unlabelled rows of %s labelled benign%n", b.labelled(),
                TerminalText.clean(String.join(", ", captures)));
        return new TrainingData(b.table(), digests);
    }

    /**
     * Labels channels by the analyst verdicts in {@code verdicts}, over the {@code label} column's labels
     * when it is given; adds the verdict file's digest.
     */
    TrainingData withVerdicts(Path verdicts, String label, PrintStream err) throws IOException {
        List<Verdict> v = VerdictFile.read(verdicts);
        VerdictLabels.Applied a;
        try {
            a = VerdictLabels.apply(table, v, label);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        List<InputDigest> all = new ArrayList<>(digests);
        all.addAll(InputDigest.of(List.of(verdicts)));
        err.printf(Locale.ROOT, "verdicts:   %,d in %s -> %,d channels malicious, %,d benign, %,d unsure "
                + "(no verdict)%s%n", v.size(), verdicts, a.malicious(), a.benign(), a.unsure(),
                label == null ? "" : String.format(Locale.ROOT, "; %,d channels keep their '%s' label", a.fromLabel(),
                        label));
        return new TrainingData(a.table(), all);
    }
}
