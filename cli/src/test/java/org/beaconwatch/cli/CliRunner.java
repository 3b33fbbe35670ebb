package org.beaconwatch.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Runs the real command line in-process and captures stdout, stderr and the exit code. */
final class CliRunner {
    record Result(int exitCode, String out, String err) {
    }

    private CliRunner() {
    }

    static synchronized Result run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        StringWriter pOut = new StringWriter(), pErr = new StringWriter();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            CommandLine cl = Main.commandLine(args); // as main() builds it: only the command named
            cl.setOut(new PrintWriter(pOut, true));
            cl.setErr(new PrintWriter(pErr, true));
            code = cl.execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8) + pOut,
                err.toString(StandardCharsets.UTF_8) + pErr);
    }

    /** The shared data folder, or null when absent (tests then skip with a message). */
    static java.nio.file.Path data() {
        String d = System.getProperty("beaconwatch.data");
        if (d == null) {
            return null;
        }
        java.nio.file.Path p = java.nio.file.Path.of(d);
        return java.nio.file.Files.isDirectory(p) ? p : null;
    }
}
