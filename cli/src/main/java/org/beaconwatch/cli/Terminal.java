package org.beaconwatch.cli;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.beaconwatch.output.TerminalText;

/**
 * Whether stdout is a terminal, and a stream that makes data safe to show on one. CSV and JSON
 * lines piped or redirected keep every byte (properly quoted); on a terminal an escape sequence
 * from a log field would be interpreted, so control and bidi characters become {@code ?}.
 */
final class Terminal {
    private Terminal() {
    }

    /**
     * True when stdout is an interactive terminal: {@code System.console()} (Java 17: both stdin
     * and stdout are terminals; from Java 22 on a console exists even when they are redirected,
     * so its {@code isTerminal()} decides) or the property {@code beaconwatch.stdout.tty=true}.
     */
    @SuppressWarnings("SystemConsoleNull") // null is Java 17 to 21's answer; isTerminal() decides from Java 22 on
    static boolean stdout() {
        if (Boolean.getBoolean("beaconwatch.stdout.tty")) {
            return true;
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // Java 17 to 21: a console means stdin and stdout are terminals
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** {@code out} as is for a pipe or file; a line-by-line cleaning stream when stdout is a terminal. */
    static OutputStream forStdout(OutputStream out) {
        return stdout() ? new Cleaning(out) : out;
    }

    /** Cleans each line (UTF-8) with {@link TerminalText#clean}, keeping its LF or CRLF ending. */
    static final class Cleaning extends FilterOutputStream {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

        Cleaning(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            if (b == '\n') {
                emit(true);
            } else {
                line.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }

        @Override
        public void flush() throws IOException {
            emit(false);
            out.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
            out.close();
        }

        private void emit(boolean newline) throws IOException {
            String s = line.toString(StandardCharsets.UTF_8);
            line.reset();
            boolean cr = newline && s.endsWith("\r");
            if (cr) {
                s = s.substring(0, s.length() - 1);
            }
            out.write(TerminalText.clean(s).getBytes(StandardCharsets.UTF_8));
            if (newline) {
                out.write(cr ? new byte[] {'\r', '\n'} : new byte[] {'\n'});
            }
        }
    }
}
