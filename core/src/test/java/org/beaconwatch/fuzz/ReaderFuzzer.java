package org.beaconwatch.fuzz;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import org.beaconwatch.flow.Flow;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.flow.IpAddress;
import org.beaconwatch.flow.Protocol;
import org.beaconwatch.io.ErrorPolicy;
import org.beaconwatch.io.MalformedRecordException;
import org.beaconwatch.io.ReadOptions;
import org.beaconwatch.io.spi.Bytes;

/**
 * Runs mutated inputs through one reader and checks the oracle: the only exception is a
 * {@link MalformedRecordException} naming the file with a one-line reason; no hang (each input
 * bounded by {@link #TIMEOUT_SECONDS} on a worker thread); allocation on the reading thread within
 * {@code 16 MiB + 64 x input size}; every accepted row valid (time parsed, duration >= 0, ports in
 * 0..65535, counts >= 0, addresses that format and parse back to themselves, a known protocol,
 * line numbers increasing, extra columns aligned, no line break inside a value); and under skip/warn
 * read + skipped = data lines. A failing input is minimised and printed with its (seed, iteration).
 */
final class ReaderFuzzer {
    static final long TIMEOUT_SECONDS = 10;
    static final long ALLOC_BASE = 16L << 20, ALLOC_FACTOR = 64;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private ExecutorService worker = newWorker();

    /** What one execution did: an outcome class for the statistics, and a finding or null. */
    record Outcome(String kind, String finding) {
    }

    /** A bug: the reader, where to reproduce it, what went wrong, and the minimised input. */
    record Finding(ReaderTarget target, long seed, long iteration, String problem, String input) {
        @Override
        public String toString() {
            return target + " seed=" + seed + " iteration=" + iteration + ": " + problem + "\n  minimised input: "
                    + input + "\n  reproduce: -Dbeaconwatch.fuzz.seed=" + seed + " -Dbeaconwatch.fuzz.only="
                    + iteration;
        }
    }

    /** Per-reader statistics of a run. */
    static final class Stats {
        long executions;
        final Map<String, Long> outcomes = new TreeMap<>();
        final Map<String, Finding> findings = new LinkedHashMap<>();

        String summary(ReaderTarget t) {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(java.util.Locale.ROOT, "%-18s %,9d executions, %d distinct outcomes, %d findings%n",
                    t, executions, outcomes.size(), findings.size()));
            outcomes.forEach((k, v) -> sb.append(String.format(java.util.Locale.ROOT, "    %,9d  %s%n", v, k)));
            findings.values().forEach(f -> sb.append("  FINDING ").append(f).append('\n'));
            return sb.toString();
        }
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "reader-fuzz");
            t.setDaemon(true);
            return t;
        });
    }

    void close() {
        worker.shutdownNow();
    }

    /** The random source of one iteration: reproducible from (seed, reader, iteration) alone. */
    @SuppressWarnings("EnumOrdinal") // the reader's place in the list is part of every recorded seed
    static SplittableRandom random(long seed, ReaderTarget t, long iteration) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + t.ordinal() * 0x632BE59BD9B4E019L + iteration);
    }

    /** Fuzzes iterations [from, to) of one reader; stops at the first finding when asked. */
    Stats fuzz(ReaderTarget t, long seed, long from, long to, boolean stopAtFirst) {
        Stats st = new Stats();
        for (long it = from; it < to; it++) {
            SplittableRandom rnd = random(seed, t, it);
            String doc = seedDocument(t, rnd);
            Mutator.Input in = Mutator.mutate(doc, t.sep, t.json, rnd);
            ReadOptions o = options(rnd);
            int capacity = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(3) : 64;
            Outcome out = execute(t, in.bytes(), in.gzip(), o, capacity);
            st.executions++;
            st.outcomes.merge(out.kind(), 1L, Long::sum);
            if (out.finding() != null) {
                String key = signature(out.finding());
                if (!st.findings.containsKey(key)) {
                    boolean hang = out.kind().equals("HANG"); // a hung thread cannot be stopped: no replays
                    String shown = in.gzip() || hang ? (in.gzip() ? "(gzip) " : "") + escape(in.bytes())
                            : escape(minimise(t, in.bytes(), o, capacity, key));
                    st.findings.put(key, new Finding(t, seed, it, out.finding(), shown));
                }
                if (stopAtFirst || out.kind().equals("HANG")) { // a leftover busy thread skews later timings
                    break;
                }
            }
        }
        return st;
    }

    /**
     * Checks a single input under the given options, for a coverage-guided fuzzer that makes the
     * inputs itself: the same oracle as {@link #fuzz}, failing with an {@link AssertionError} that
     * names the reader, the options, the problem and the input. An allocation finding must repeat:
     * the first read along a new code path also loads (and the fuzzer's agent instruments) classes on
     * the reading thread.
     */
    void check(ReaderTarget t, byte[] bytes, ReadOptions o, int capacity) {
        Outcome out = execute(t, bytes, false, o, capacity);
        if (out.kind().equals("ALLOCATION")) {
            out = execute(t, bytes, false, o, capacity);
        }
        if (out.finding() != null) {
            throw new AssertionError(t + " (" + o.errorPolicy() + ", max line " + o.maxLineBytes() + " bytes, batch "
                    + capacity + "): " + out.finding() + "\n  input: " + escape(bytes));
        }
    }

    static ReadOptions options(SplittableRandom rnd) {
        int p = rnd.nextInt(10);
        ErrorPolicy policy = p < 5 ? ErrorPolicy.SKIP : p < 7 ? ErrorPolicy.WARN : ErrorPolicy.FAIL;
        int maxLine = rnd.nextInt(5) == 0 ? 64 + rnd.nextInt(4096) : ReadOptions.DEFAULT_MAX_LINE_BYTES;
        return new ReadOptions(policy, Map.of(), 3, maxLine);
    }

    /** A seed: a fixture, or the header of a real file with a few of its data lines. */
    static String seedDocument(ReaderTarget t, SplittableRandom rnd) {
        List<String[]> real = t.realSeeds();
        if (real.isEmpty() || rnd.nextInt(4) == 0) {
            return t.fixtures.get(rnd.nextInt(t.fixtures.size()));
        }
        String[] f = real.get(rnd.nextInt(real.size()));
        List<String> out = new ArrayList<>();
        int h = 0;
        if (t.lines == ReaderTarget.Lines.ZEEK) {
            while (h < f.length && f[h].startsWith("#")) {
                out.add(f[h++]);
            }
        } else if (t.lines != ReaderTarget.Lines.JSON) {
            out.add(f[h++]);
        }
        int data = f.length - h;
        if (data > 0) {
            int n = 1 + rnd.nextInt(Math.min(data, 24));
            int start = h + rnd.nextInt(data - n + 1);
            out.addAll(Arrays.asList(f).subList(start, start + n));
        }
        if (t.lines == ReaderTarget.Lines.ZEEK && rnd.nextInt(3) == 0) {
            out.add("#close\t2023-01-05-18-51-06");
        }
        return String.join("\n", out) + "\n";
    }

    /** Runs one input on the worker thread with the time bound, and judges it. */
    Outcome execute(ReaderTarget t, byte[] bytes, boolean gzip, ReadOptions o, int capacity) {
        InputStream in = new ByteArrayInputStream(bytes);
        if (gzip) {
            try {
                in = new GZIPInputStream(in);
            } catch (IOException e) {
                return new Outcome("gzip header unreadable (rejected before any reader)", null);
            }
        }
        InputStream stream = in;
        RowChecker rows = new RowChecker(t, indexOf(bytes, (byte) '\\') < 0 && !gzip);
        Future<Object[]> f = worker.submit(() -> {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            Object r;
            try {
                r = t.read(stream, gzip ? "gzip" : null, o, capacity, rows);
            } catch (Throwable e) {
                r = e;
            }
            return new Object[] {r, THREADS.getCurrentThreadAllocatedBytes() - before};
        });
        Object[] done;
        try {
            done = f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            return new Outcome("HANG", "no result within " + TIMEOUT_SECONDS + " s (hang)");
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
        long allocated = (Long) done[1];
        long bound = ALLOC_BASE + ALLOC_FACTOR * (long) bytes.length * (gzip ? 8 : 1);
        if (allocated > bound) {
            return new Outcome("ALLOCATION", "allocated " + allocated + " bytes for a " + bytes.length
                    + "-byte input (bound " + bound + ")");
        }
        if (done[0] instanceof Throwable) {
            return judge((Throwable) done[0], o);
        }
        ReaderTarget.Result r = (ReaderTarget.Result) done[0];
        if (rows.problem != null) {
            return new Outcome("INVALID ROW", rows.problem);
        }
        for (String ex : r.examples()) {
            if (!ex.startsWith(ReaderTarget.FILE + ":") || ex.indexOf('\n') >= 0 || ex.indexOf('\r') >= 0) {
                return new Outcome("BAD EXAMPLE", "example not of the form 'file:line: reason': " + ex);
            }
        }
        if (o.errorPolicy() != ErrorPolicy.FAIL && !r.truncated() && !gzip) {
            long lines = dataLines(t, bytes, o.maxLineBytes());
            long seen = r.read() + r.skipped();
            boolean ok = t.lines == ReaderTarget.Lines.CSV ? seen <= lines : seen == lines;
            if (!ok) {
                return new Outcome("ACCOUNTING", "read " + r.read() + " + skipped " + r.skipped() + " != "
                        + lines + " data lines");
            }
        }
        return new Outcome(r.skipped() > 0 ? "ok, some records skipped" : "ok", null);
    }

    private static Outcome judge(Throwable e, ReadOptions o) {
        if (e instanceof MalformedRecordException m) {
            String msg = m.getMessage();
            if (!ReaderTarget.FILE.equals(m.file()) || m.reason() == null || m.reason().isBlank()
                    || msg.indexOf('\n') >= 0 || msg.indexOf('\r') >= 0) {
                return new Outcome("BAD MESSAGE", "MalformedRecordException without file or one-line reason: '"
                        + msg + "'");
            }
            return new Outcome((o.errorPolicy() == ErrorPolicy.FAIL ? "fail: " : "stop: ") + reasonClass(m.reason()),
                    null);
        }
        StackTraceElement top = null;
        for (StackTraceElement s : e.getStackTrace()) {
            if (s.getClassName().startsWith("org.beaconwatch") && !s.getClassName().startsWith("org.beaconwatch.fuzz")) {
                top = s;
                break;
            }
        }
        return new Outcome("EXCEPTION " + e.getClass().getSimpleName(), e + (top == null ? "" : " at " + top));
    }

    /** "bad number in orig_bytes: '12x'" -> "bad number in orig_bytes". */
    static String reasonClass(String reason) {
        int cut = reason.length();
        for (char c : new char[] {'\'', ':', '('}) {
            int i = reason.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        String r = reason.substring(0, cut).replaceAll("[0-9]+", "N").trim();
        return r.length() > 70 ? r.substring(0, 70) : r;
    }

    private static String signature(String finding) {
        return finding.replaceAll("'[^']*'", "''").replaceAll("[0-9]+", "N");
    }

    /** Data lines as the reader should count them (read + skipped), from the raw bytes. */
    static long dataLines(ReaderTarget t, byte[] b, int maxLine) {
        long n = 0;
        boolean headerSeen = false;
        int s = 0;
        while (s <= b.length) {
            int nl = indexOf(b, (byte) '\n', s);
            int e = nl < 0 ? b.length : nl;
            if (nl < 0 && s == b.length) {
                break;
            }
            int end = e > s && b[e - 1] == '\r' ? e - 1 : e;
            boolean tooLong = end - s > maxLine;
            switch (t.lines) {
                case ZEEK -> {
                    if (tooLong || (end > s && b[s] != '#')) {
                        n++;
                    }
                }
                case JSON -> {
                    int p = s;
                    while (p < end && (b[p] == ' ' || b[p] == '\t')) {
                        p++;
                    }
                    if (tooLong || p < end) {
                        n++;
                    }
                }
                case HEADER_FIRST -> {
                    if (tooLong) {
                        n++;
                    } else if (end > s) {
                        if (headerSeen) {
                            n++;
                        }
                        headerSeen = true;
                    }
                }
                default -> {
                    // CSV: an upper bound, lines may also break at a lone CR
                    for (int i = s; i < end; i++) {
                        if (b[i] == '\r') {
                            n++;
                        }
                    }
                    n++;
                }
            }
            if (nl < 0) {
                break;
            }
            s = nl + 1;
        }
        return n;
    }

    static int indexOf(byte[] b, byte x, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] b, byte x) {
        return indexOf(b, x, 0);
    }

    /** Checks every accepted row. */
    static final class RowChecker implements ReaderTarget.RowCheck {
        private final ReaderTarget target;
        private final boolean noEscapes;
        private final long[] addr = new long[2];
        private long lastLine;
        String problem;

        RowChecker(ReaderTarget target, boolean noEscapes) {
            this.target = target;
            this.noEscapes = noEscapes;
        }

        @Override
        public void rows(FlowBatch b, int from, int to) {
            for (int i = from; i < to && problem == null; i++) {
                problem = row(b, i);
            }
        }

        private String row(FlowBatch b, int i) {
            if (b.ts[i] == Bytes.BAD) {
                return "row " + i + ": timestamp not set from a parsed value";
            }
            if (b.duration[i] < 0 && b.duration[i] != Flow.UNSET) {
                return "negative duration " + b.duration[i];
            }
            for (int p : new int[] {b.srcPort[i], b.dstPort[i]}) {
                if (p < -1 || p > 65535) {
                    return "port out of range: " + p;
                }
            }
            for (long c : new long[] {b.origBytes[i], b.respBytes[i], b.origPkts[i], b.respPkts[i], b.origIpBytes[i],
                b.respIpBytes[i]}) {
                if (c < 0 && c != Flow.UNSET) {
                    return "negative count " + c;
                }
            }
            if (b.proto[i] < 0 || b.proto[i] >= Protocol.values().length) {
                return "unknown protocol code " + b.proto[i];
            }
            for (int side = 0; side < 2; side++) {
                long hi = side == 0 ? b.srcHi[i] : b.dstHi[i], lo = side == 0 ? b.srcLo[i] : b.dstLo[i];
                if (!IpAddress.isNone(hi, lo)) {
                    String text = IpAddress.format(hi, lo);
                    if (!IpAddress.parse(text, 0, text.length(), addr) || addr[0] != hi || addr[1] != lo) {
                        return "address does not parse back: " + text;
                    }
                }
            }
            if (b.line[i] <= lastLine) {
                return "line numbers not increasing: " + b.line[i] + " after " + lastLine;
            }
            lastLine = b.line[i];
            if (b.extra[i] != null && b.extra[i].length != b.extraColumns().size()) {
                return "extra values " + b.extra[i].length + " for " + b.extraColumns().size() + " extra columns";
            }
            if (noEscapes && target.lines != ReaderTarget.Lines.CSV) {
                for (String s : new String[] {b.service[i], b.connState[i], b.uid[i], b.label[i], b.detailedLabel[i]}) {
                    if (s != null && (s.indexOf('\n') >= 0 || s.isEmpty())) {
                        return "string value empty or with a line break: '" + s + "'";
                    }
                }
            }
            b.get(i); // materialises without error
            return null;
        }
    }

    /** Smallest input (lines, then byte ranges removed) that still gives the same finding. */
    byte[] minimise(ReaderTarget t, byte[] input, ReadOptions o, int capacity, String signature) {
        int budget = signature.startsWith("allocated") ? 100 : 3000;
        byte[] best = input;
        for (int chunk = Math.max(1, best.length / 2); chunk >= 1 && budget > 0; chunk /= 2) {
            boolean progress = true;
            while (progress && budget > 0) {
                progress = false;
                for (int at = 0; at + chunk <= best.length && budget > 0; at += chunk) {
                    byte[] c = new byte[best.length - chunk];
                    System.arraycopy(best, 0, c, 0, at);
                    System.arraycopy(best, at + chunk, c, at, best.length - at - chunk);
                    budget--;
                    Outcome out = execute(t, c, false, o, capacity);
                    if (out.finding() != null && signature(out.finding()).equals(signature)) {
                        best = c;
                        progress = true;
                        at -= chunk;
                    }
                }
            }
            if (chunk == 1) {
                break;
            }
        }
        return best;
    }

    /** Bytes as a Java string literal (ISO-8859-1, escapes for control and non-ASCII bytes), first 600. */
    static String escape(byte[] b) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte x : Arrays.copyOf(b, Math.min(b.length, 600))) {
            int c = x & 0xff;
            if (c == '"' || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c < 32 || c > 126) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.append((char) c);
            }
        }
        return sb.append('"').append(b.length > 600 ? " ... (" + b.length + " bytes in all)" : "").toString();
    }

    static byte[] bytes(String iso) {
        return iso.getBytes(StandardCharsets.ISO_8859_1);
    }
}
