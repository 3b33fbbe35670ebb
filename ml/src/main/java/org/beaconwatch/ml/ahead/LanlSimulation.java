package org.beaconwatch.ml.ahead;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Simulated authentication events in the LANL {@code auth} and {@code redteam} formats, so that the
 * prediction-ahead workflow runs (in tests and in the README) without the 12 GB LANL files.
 *
 * <p>Normal traffic: every computer logs on to a few servers of its own at a steady hourly rate
 * (Poisson, with a day/night cycle) plus rare one-off logons. Red team: from a start time one
 * computer is compromised; every few hours it moves laterally to a new computer, which is then
 * compromised too; each compromised pair re-authenticates in a later hour with probability
 * {@link #REVISIT}. Red-team events appear in both files (as in LANL, where they are a subset of
 * the authentication events). Same seed, same files.
 */
public final class LanlSimulation {
    /** Chance that a compromised pair authenticates again in any later hour. */
    static final double REVISIT = 0.5;

    /**
     * What to simulate.
     *
     * @param computers computers (C1 ... Cn)
     * @param hours     hours simulated
     * @param seed      seed
     */
    public record Config(int computers, int hours, long seed) {
        /** The README fixture: 40 computers, two days. */
        public static Config fixture() {
            return new Config(40, 48, 7);
        }
    }

    /** Lines of the two files. */
    public record Result(List<String> auth, List<String> redteam) {
    }

    private LanlSimulation() {
    }

    public static Result run(Config c) {
        SplittableRandom rnd = new SplittableRandom(c.seed());
        int n = c.computers();
        int[][] servers = new int[n][];
        for (int s = 0; s < n; s++) {
            int k = 1 + rnd.nextInt(3);
            servers[s] = new int[k];
            for (int j = 0; j < k; j++) {
                servers[s][j] = rnd.nextInt(Math.max(2, n / 5)); // servers are the low-numbered computers
            }
        }
        List<long[]> events = new ArrayList<>(); // time, src, dst, attack
        boolean[] compromised = new boolean[n];
        List<int[]> attackPairs = new ArrayList<>();
        int start = Math.max(2, c.hours() / 8);
        int first = n / 2 + rnd.nextInt(n / 2);
        compromised[first] = true;
        for (int h = 0; h < c.hours(); h++) {
            double day = 0.4 + 0.6 * Math.max(0, Math.sin(Math.PI * ((h % 24) - 6) / 12.0));
            for (int s = 0; s < n; s++) {
                for (int d : servers[s]) {
                    int k = poisson(rnd, 1.5 * day);
                    for (int j = 0; j < k; j++) {
                        events.add(new long[] {h * 3600L + rnd.nextInt(3600), s, d, 0});
                    }
                }
                if (rnd.nextDouble() < 0.03) {
                    events.add(new long[] {h * 3600L + rnd.nextInt(3600), s, rnd.nextInt(n), 0});
                }
            }
            if (h >= start) {
                for (int[] p : attackPairs) {
                    if (rnd.nextDouble() < REVISIT) {
                        events.add(new long[] {h * 3600L + rnd.nextInt(3600), p[0], p[1], 1});
                    }
                }
                if ((h - start) % 3 == 0) {
                    List<Integer> from = new ArrayList<>();
                    for (int s = 0; s < n; s++) {
                        if (compromised[s]) {
                            from.add(s);
                        }
                    }
                    int s = from.get(rnd.nextInt(from.size()));
                    int d = rnd.nextInt(n);
                    if (d != s) {
                        compromised[d] = true;
                        attackPairs.add(new int[] {s, d});
                        events.add(new long[] {h * 3600L + rnd.nextInt(3600), s, d, 1});
                    }
                }
            }
        }
        events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1] * n + a[2], b[1] * n + b[2]));
        List<String> auth = new ArrayList<>();
        List<String> red = new ArrayList<>();
        for (long[] e : events) {
            String user = e[3] == 1 ? "U" + (900 + e[1] % 7) + "@DOM1" : "U" + (e[1] + 1) + "@DOM1";
            String src = "C" + (e[1] + 1);
            String dst = "C" + (e[2] + 1);
            auth.add(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,Kerberos,Network,LogOn,%s", e[0], user, user, src, dst,
                    e[3] == 0 && rnd.nextDouble() < 0.01 ? "Fail" : "Success"));
            if (e[3] == 1) {
                red.add(String.format(Locale.ROOT, "%d,%s,%s,%s", e[0], user, src, dst));
            }
        }
        return new Result(auth, red);
    }

    /** Writes {@code auth.txt.gz} and {@code redteam.txt.gz} into {@code dir}. */
    public static void write(Result r, Path dir) throws IOException {
        Files.createDirectories(dir);
        write(r.auth(), dir.resolve("auth.txt.gz"));
        write(r.redteam(), dir.resolve("redteam.txt.gz"));
    }

    private static void write(List<String> lines, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
             GZIPOutputStream gz = new GZIPOutputStream(out) {
                 {
                     def.setLevel(9);
                 }
             };
             Writer w = new OutputStreamWriter(gz, StandardCharsets.UTF_8)) {
            for (String l : lines) {
                w.write(l);
                w.write('\n');
            }
        }
    }

    private static int poisson(SplittableRandom rnd, double lambda) {
        double l = Math.exp(-lambda);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= rnd.nextDouble();
        } while (p > l);
        return k - 1;
    }

    /** Writes the README fixture: {@code java ... LanlSimulation DIR}. */
    public static void main(String[] args) throws IOException {
        write(run(Config.fixture()), Path.of(args.length > 0 ? args[0] : "."));
    }
}
