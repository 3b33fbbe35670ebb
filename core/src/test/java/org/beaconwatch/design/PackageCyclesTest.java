package org.beaconwatch.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Data flows one way (logs → readers → channels → scores → host triage → outputs), so core's
 * packages must not depend on each other in a circle. The package graph comes from the JDK's
 * jdeps over core's compiled classes. The one known circle is the reader family: the
 * {@code io} entry point opens the format readers of {@code io.zeek}, {@code io.argus} and
 * {@code io.csv}, which report through {@code io}'s types; it stays inside {@code io}.
 */
class PackageCyclesTest {

    @Test
    void corePackagesFormNoCycleOutsideTheReaderFamily() {
        Path classes = Path.of("target", "classes");
        Optional<ToolProvider> jdeps = ToolProvider.findFirst("jdeps");
        assumeTrue(jdeps.isPresent() && Files.isDirectory(classes), "jdeps or target/classes not available");
        StringWriter out = new StringWriter();
        int rc = jdeps.get().run(new PrintWriter(out), new PrintWriter(new StringWriter()), "-verbose:package",
                "-filter:none", classes.toString());
        assertThat(rc).isZero();
        Map<String, Set<String>> edges = new TreeMap<>();
        for (String line : out.toString().split("\n", -1)) {
            String[] w = line.trim().split("\\s+", -1);
            if (w.length >= 3 && w[1].equals("->") && w[0].startsWith("org.beaconwatch")
                    && w[2].startsWith("org.beaconwatch") && !w[0].equals(w[2])) {
                edges.computeIfAbsent(w[0], k -> new TreeSet<>()).add(w[2]);
            }
        }
        assertThat(edges).containsKey("org.beaconwatch.score");
        for (List<String> cycle : cycles(edges)) {
            assertThat(cycle).as("package cycle %s", cycle)
                    .allMatch(p -> p.equals("org.beaconwatch.io") || p.startsWith("org.beaconwatch.io."));
        }
    }

    /** Strongly connected components with more than one package (Tarjan). */
    static List<List<String>> cycles(Map<String, Set<String>> edges) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String v : edges.keySet()) {
            if (!index.containsKey(v)) {
                strong(v, edges, index, low, stack, onStack, out, counter);
            }
        }
        return out;
    }

    private static void strong(String v, Map<String, Set<String>> edges, Map<String, Integer> index,
                               Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                               List<List<String>> out, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : edges.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                strong(w, edges, index, low, stack, onStack, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> comp = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                comp.add(w);
            } while (!w.equals(v));
            if (comp.size() > 1) {
                out.add(comp);
            }
        }
    }
}
