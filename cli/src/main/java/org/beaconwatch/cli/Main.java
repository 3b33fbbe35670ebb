package org.beaconwatch.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
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
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (detect: no alerts)",
            "1:error (unreadable input, bad data under --on-error fail)",
            "2:usage error (unknown option or bad value)",
            "3:detect found alerts"})
public final class Main implements Runnable {

    /**
     * The subcommands by name, in the order {@code --help} lists them. picocli reflects over every
     * option of every command it is given (for all of them 0.1 to 0.17 CPU-second of a cold start,
     * bench/cold-start.sh), so a command line that names one command builds only that one; anything
     * else (no command, {@code help}, a misspelt name) gets all of them and picocli's usual listing
     * and suggestions. {@code MainTest} checks these names against the commands' own annotations.
     */
    static final List<Map.Entry<String, Class<?>>> SUBCOMMANDS = List.of(
            Map.entry("demo", DemoCommand.class),
            Map.entry("inspect", InspectCommand.class),
            Map.entry("detect", DetectCommand.class),
            Map.entry("watch", WatchCommand.class),
            Map.entry("simulate", SimulateCommand.class),
            Map.entry("train", TrainCommand.class),
            Map.entry("evaluate", EvaluateCommand.class),
            Map.entry("score", ScoreCommand.class),
            Map.entry("explore", ExploreCommand.class),
            Map.entry("help", CommandLine.HelpCommand.class));

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print stack traces for errors (for bug reports).")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Builds the command line with every subcommand and our error handling (tests). */
    static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * Builds the command line for these arguments with our error handling: only the subcommand
     * they name when they name one before any other word (options of the top command aside), none
     * for {@code --version}, otherwise every subcommand. {@code args} null means every subcommand.
     */
    static CommandLine commandLine(String[] args) {
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        String named = args == null ? null : namedSubcommand(args);
        if (args == null || !versionOnly(args)) {
            for (Map.Entry<String, Class<?>> sub : SUBCOMMANDS) {
                if (named == null || named.equals(sub.getKey())) {
                    cl.addSubcommand(sub.getKey(), sub.getValue());
                }
            }
        }
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

    /** True when the arguments ask for the version and nothing that lists or runs a subcommand. */
    static boolean versionOnly(String[] args) {
        boolean version = false;
        for (String a : args) {
            switch (a) {
                case "-V", "--version" -> version = true;
                case "--debug" -> {
                }
                default -> {
                    return false;
                }
            }
        }
        return version;
    }

    /** The subcommand the first word of {@code args} names, or null (none, or {@code help}). */
    static String namedSubcommand(String[] args) {
        for (String a : args) {
            if (a.equals("--debug")) {
                continue; // the one option of the top command that comes before a subcommand
            }
            for (Map.Entry<String, Class<?>> sub : SUBCOMMANDS) {
                if (sub.getKey().equals(a) && !a.equals("help")) {
                    return a;
                }
            }
            return null;
        }
        return null;
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
            code = commandLine(args).execute(args);
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
