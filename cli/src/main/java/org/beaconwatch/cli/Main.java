package org.beaconwatch.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import org.beaconwatch.BuildInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Command-line entry point. Commands are thin: they parse options, call the library and print.
 * One exception handler here turns library exceptions into one-line messages and exit codes.
 */
@Command(name = "beaconwatch", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Finds command-and-control beaconing and other malicious traffic in network logs.",
        subcommands = {DemoCommand.class, InspectCommand.class, DetectCommand.class, WatchCommand.class, SimulateCommand.class,
            TrainCommand.class, EvaluateCommand.class, ScoreCommand.class, ExploreCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (detect: no alerts)",
            "1:error (unreadable input, bad data under --on-error fail)",
            "2:usage error (unknown option or bad value)",
            "3:detect found alerts"})
public final class Main implements Runnable {

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print stack traces for errors (for bug reports).")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Builds the command line with our error handling; used by main() and by tests. */
    static CommandLine commandLine() {
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
            PrintWriter err = line.getErr();
            OutOfMemoryError oom = OutOfMemoryMessage.find(ex);
            if (oom != null) {
                return OutOfMemoryMessage.report(oom, ex, main.debug, err);
            }
            if (ex instanceof UsageException) {
                err.println("beaconwatch: " + ex.getMessage());
                err.println("Try '" + line.getCommandSpec().qualifiedName() + " --help' for more information.");
                err.flush();
                return ExitCodes.USAGE;
            }
            err.println("beaconwatch: " + message(ex));
            if (main.debug) {
                ex.printStackTrace(err);
            } else if (!(ex instanceof java.io.IOException)) {
                err.println("(run with --debug for details)");
            }
            err.flush();
            return ExitCodes.ERROR;
        });
        return cl;
    }

    static String message(Throwable ex) {
        // Messages can quote log content (file:line: reason): never let it drive the terminal.
        return org.beaconwatch.output.TerminalText.clean(rawMessage(ex));
    }

    private static String rawMessage(Throwable ex) {
        String m = ex.getMessage();
        if (ex instanceof java.nio.file.NoSuchFileException) {
            return "no such file: " + m;
        }
        if (ex instanceof java.nio.file.AccessDeniedException) {
            return "permission denied: " + m;
        }
        return m == null || m.isBlank() ? ex.getClass().getSimpleName() : m;
    }

    public static void main(String[] args) {
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        OutOfMemoryMessage.installUncaughtHandler(debug);
        int code;
        try {
            code = commandLine().execute(args);
        } catch (Throwable t) { // picocli hands Errors straight through
            OutOfMemoryError oom = OutOfMemoryMessage.find(t);
            if (oom == null) {
                throw t;
            }
            code = OutOfMemoryMessage.report(oom, t, debug, new PrintWriter(new OutputStreamWriter(System.err, Charset.defaultCharset()), true));
        }
        System.exit(code);
    }

    /** Reads the version from the core library's build info. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"beaconwatch " + BuildInfo.version(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
