package org.beaconwatch.score;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A JVM that holds a findings store in a folder given as its argument and does not close it: it
 * says "ready" once a run is written, then either exits at once ("exit") or waits to be stopped by
 * a signal ("wait"). For {@link FindingStoreCleanupTest}.
 */
final class FindingStoreProbe {
    private FindingStoreProbe() {
    }

    public static void main(String[] args) throws Exception {
        @SuppressWarnings("resource") // left open on purpose: the shutdown hook must remove it
        FindingStore store = new FindingStore(Path.of(args[0]));
        List<Finding> all = new ArrayList<>();
        for (Finding f : FindingRankingTest.randomFindings(1, 200)) {
            if (f != null) {
                all.add(f);
            }
        }
        store.addRun(BeaconDetector.rank(all));
        System.out.println("ready");
        System.out.flush();
        if ("exit".equals(args[1])) {
            System.exit(0);
        }
        Thread.sleep(120_000);
    }
}
