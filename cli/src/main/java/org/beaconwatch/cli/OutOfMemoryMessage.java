package org.beaconwatch.cli;

import org.beaconwatch.output.Numbers;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.Charset;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns an {@link OutOfMemoryError}, wherever it surfaces, into one line on stderr that says what
 * ran out and what to do, and exit code 1. An OOM reaches us three ways: thrown on the main thread
 * (picocli passes Errors through, so {@code main} catches them), wrapped in an exception from a
 * worker (ExecutionException, CompletionException, a library exception; the cause chain is walked)
 * or in a worker thread that dies of it (the default uncaught-exception handler). A stack trace is
 * printed only under {@code --debug}.
 */
final class OutOfMemoryMessage {
    /** Said when even building the message fails: no allocation needed. */
    private static final String FALLBACK =
            "beaconwatch: out of memory: give Java more with BEACONWATCH_JAVA_OPTS=-Xmx8g, or use a smaller input";
    /** Only the first report prints: several threads can run out together. */
    private static final AtomicBoolean REPORTED = new AtomicBoolean();

    private OutOfMemoryMessage() {
    }

    /** The first OutOfMemoryError in the cause chain (or among suppressed exceptions), or null. */
    static OutOfMemoryError find(Throwable t) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        return find(t, seen);
    }

    private static OutOfMemoryError find(Throwable t, Set<Throwable> seen) {
        for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
            if (c instanceof OutOfMemoryError) {
                return (OutOfMemoryError) c;
            }
            for (Throwable s : c.getSuppressed()) {
                OutOfMemoryError o = find(s, seen);
                if (o != null) {
                    return o;
                }
            }
        }
        return null;
    }

    /** The one line for this error, without the "beaconwatch: " prefix. */
    static String describe(OutOfMemoryError e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (m.contains("Metaspace")) {
            return "out of memory: the class metadata space (Metaspace) is full; give Java more with "
                    + "BEACONWATCH_JAVA_OPTS=-XX:MaxMetaspaceSize=1g";
        }
        if (m.contains("Direct buffer memory")) {
            return "out of memory: direct buffer memory is full; give Java more with "
                    + "BEACONWATCH_JAVA_OPTS=-XX:MaxDirectMemorySize=1g";
        }
        if (m.contains("native thread")) {
            return "out of memory: the system refused to start another thread (native memory or process limit); "
                    + "use fewer threads (--threads 2) or free memory";
        }
        if (m.contains("array size exceeds")) {
            return "out of memory: the input needs an array larger than Java allows; split it into smaller files";
        }
        long max = maxHeapBytes();
        return "out of memory: the Java heap is full at its maximum size of " + Numbers.bytes(max) + "; "
                + advice(max, physicalMemoryBytes());
    }

    /** Share of the machine's memory a suggested heap may take (the rest: the JVM itself, the OS, caches). */
    static final double MAX_HEAP_SHARE_OF_RAM = 0.85;

    /**
     * What to do when the heap is full at {@code maxHeap} bytes on a machine with {@code physical}
     * bytes of memory (0 when unknown): twice the heap, at most {@link #MAX_HEAP_SHARE_OF_RAM} of the
     * machine; when even that is not at least a quarter more than now, the input is too large for
     * one JVM here.
     */
    static String advice(long maxHeap, long physical) {
        long gib = 1L << 30;
        long want = 2 * maxHeap;
        if (physical > 0) {
            long cap = (long) (physical * MAX_HEAP_SHARE_OF_RAM);
            if (cap < maxHeap + maxHeap / 4) {
                return "that is most of this machine's " + Numbers.bytes(physical) + " of memory: split the input "
                        + "(for example one day of logs at a time), run on a machine with more memory, or use the "
                        + "Spark engine (beaconwatch-spark)";
            }
            want = Math.min(want, cap);
        }
        long suggest = Math.max(1, want / gib);
        return "give Java more with BEACONWATCH_JAVA_OPTS=-Xmx" + suggest + "g, or use a smaller input";
    }

    /** The machine's physical memory, or 0 when the JVM cannot tell. */
    private static long physicalMemoryBytes() {
        try {
            java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
            if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
                return Math.max(0, sun.getTotalMemorySize());
            }
        } catch (RuntimeException | LinkageError e) {
            return 0;
        }
        return 0;
    }

    /** The heap's configured maximum (-Xmx), or what the runtime reports when that is unavailable. */
    private static long maxHeapBytes() {
        try {
            return Long.parseLong(ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .getVMOption("MaxHeapSize").getValue());
        } catch (RuntimeException | LinkageError e) {
            return Runtime.getRuntime().maxMemory();
        }
    }

    /**
     * Prints the one line (and the trace of {@code thrown} under --debug) unless another thread did
     * already, and returns the exit code.
     */
    static int report(OutOfMemoryError oom, Throwable thrown, boolean debug, PrintWriter err) {
        if (REPORTED.compareAndSet(false, true)) {
            String line;
            try {
                line = "beaconwatch: " + describe(oom);
            } catch (Throwable t) { // even the message could not be built: say the essential
                line = FALLBACK;
            }
            err.println(line);
            if (debug) {
                thrown.printStackTrace(err);
            }
            err.flush();
        }
        return ExitCodes.ERROR;
    }

    /**
     * Installs the default uncaught-exception handler: a thread that dies of an OutOfMemoryError
     * ends the run with the one-line message and exit code 1 (its results are lost, so carrying on
     * would print wrong output); any other uncaught exception prints one line, its trace only
     * under --debug.
     */
    static void installUncaughtHandler(boolean debug) {
        Thread.setDefaultUncaughtExceptionHandler((thread, ex) -> {
            try {
                PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, Charset.defaultCharset()), true);
                OutOfMemoryError oom = find(ex);
                if (oom != null) {
                    System.exit(report(oom, ex, debug, err));
                    return;
                }
                err.println("beaconwatch: internal error in thread " + thread.getName() + ": " + Main.message(ex));
                if (debug) {
                    ex.printStackTrace(err);
                } else {
                    err.println("(run with --debug for details)");
                }
                err.flush();
            } catch (OutOfMemoryError again) { // the handler itself found no memory
                if (REPORTED.compareAndSet(false, true)) {
                    System.err.println(FALLBACK);
                }
                System.exit(ExitCodes.ERROR);
            }
        });
    }
}
