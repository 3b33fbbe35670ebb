package org.beaconwatch.cli;

import org.beaconwatch.output.Numbers;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.beaconwatch.io.FileReport;
import org.beaconwatch.io.InputProfile;
import org.beaconwatch.io.LogFormat;
import org.beaconwatch.io.NothingToAnalyseException;
import org.beaconwatch.output.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code beaconwatch inspect}: what each input holds, before any analysis. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Shows, per input, the detected format, records read and skipped, time span, distinct "
                + "sources and destinations, top talkers, and label counts where labels exist.",
            "Each INPUT (file or directory) is profiled separately."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:inputs read", "1:an input could not be read, held no records (or bad data under --on-error fail)",
            "2:usage error"})
final class InspectCommand implements Callable<Integer> {

    @Mixin
    InputOptions input;

    @Override
    public Integer call() throws Exception {
        List<InputProfile> profiles = InputProfile.profile(input.inputs, input.readOptions());
        PrintStream out = System.out;
        List<FileReport> all = new ArrayList<>();
        boolean first = true;
        for (InputProfile p : profiles) {
            if (!first) {
                out.println();
            }
            first = false;
            print(p, out);
            all.addAll(p.files());
        }
        Reports.printWarnings(all, System.err);
        for (InputProfile p : profiles) { // a profile of nothing is printed, then named as an error
            NothingToAnalyseException.requireRecords(p.files());
        }
        return ExitCodes.OK;
    }

    static void print(InputProfile p, PrintStream out) {
        out.println(TerminalText.clean(p.input()));
        List<String> fmts = new ArrayList<>();
        for (LogFormat f : p.formats()) {
            fmts.add(f.description());
        }
        out.println("  format:        " + String.join(", ", fmts));
        if (p.files().size() > 1) {
            out.println("  files:         " + Numbers.count(p.files().size()));
        }
        out.println("  records:       " + Numbers.count(p.recordsRead()) + " read, "
                + Numbers.count(p.recordsSkipped()) + " skipped" + (p.truncated() ? " (a file was truncated)" : ""));
        for (FileReport f : p.files()) {
            if (f.format().isCompanion()) {
                out.println("  companion:     " + TerminalText.clean(f.file()) + " (" + f.format().description() + ", "
                        + Numbers.count(f.recordsRead()) + " records)");
            }
        }
        if (p.recordsRead() > 0 && (p.firstTsMicros() != 0 || p.lastTsMicros() != 0)) {
            out.println("  time span:     " + Numbers.time(p.firstTsMicros()) + " .. " + Numbers.time(p.lastTsMicros())
                    + " (" + Numbers.duration(p.spanMicros()) + ")");
        }
        if (p.distinctSources() > 0 || p.distinctDestinations() > 0) {
            out.println("  distinct:      " + Numbers.count(p.distinctSources()) + " sources, "
                    + Numbers.count(p.distinctDestinations()) + " destinations");
        }
        talkers(out, "top sources", p.topSourcesByFlows());
        talkers(out, "top by bytes", p.topSourcesByBytes());
        talkers(out, "top dests", p.topDestinations());
        counts(out, "labels", p.labels(), p.unlabelled());
        counts(out, "detailed", p.detailedLabels(), -1);
    }

    private static void talkers(PrintStream out, String title, List<InputProfile.Talker> list) {
        if (list.isEmpty()) {
            return;
        }
        out.println("  " + title + ":");
        for (InputProfile.Talker t : list.subList(0, Math.min(5, list.size()))) {
            out.printf(java.util.Locale.ROOT, "    %-40s %12s flows %12s%n", t.address(), Numbers.count(t.flows()),
                    Numbers.bytes(t.bytes()));
        }
    }

    private static void counts(PrintStream out, String title, Map<String, Long> m, long unlabelled) {
        if (m.isEmpty()) {
            return;
        }
        out.println("  " + title + ":");
        m.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(15)
                .forEach(e -> out.printf(java.util.Locale.ROOT, "    %-50s %12s%n", abbreviate(e.getKey()),
                        Numbers.count(e.getValue())));
        if (m.size() > 15) {
            out.println("    ... and " + (m.size() - 15) + " more values");
        }
        if (unlabelled > 0) {
            out.printf(java.util.Locale.ROOT, "    %-50s %12s%n", "(no label)", Numbers.count(unlabelled));
        }
    }

    /** Log values are untrusted: keep them on one line and bounded. */
    static String abbreviate(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 60; i++) {
            char c = s.charAt(i);
            sb.append(c);
        }
        String cut = TerminalText.clean(sb.toString());
        return sb.length() < s.length() ? cut + "..." : cut;
    }
}
