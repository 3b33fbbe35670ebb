package org.beaconwatch.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.beaconwatch.host.HostEvidence;
import org.beaconwatch.host.HostScore;
import org.beaconwatch.host.HostTriage;
import org.beaconwatch.severity.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ranking on primitive keys against an obviously correct comparator sort, and the selection
 * of the top rows and alerts against a prefix of the full ranking, on random findings with many
 * ties (few distinct scores and connection counts, repeated channel texts).
 */
class FindingRankingTest {
    private static final double THRESHOLD = 0.6;
    private static final FindingType[] TYPES = {FindingType.BEACON, FindingType.STROBE, FindingType.LONG_CONNECTION};

    static Finding[] randomFindings(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        Finding[] out = new Finding[n];
        for (int i = 0; i < n; i++) {
            if (r.nextInt(7) == 0) {
                continue; // a channel below the minimum
            }
            double score = r.nextInt(12) / 11.0;
            int conns = 3 + r.nextInt(4);
            String src = "10.0.0." + r.nextInt(25);
            ChannelId id = r.nextBoolean() ? new ChannelId(src, "192.0.2." + r.nextInt(25), r.nextBoolean() ? 443 : 80, "tcp", null)
                    : new ChannelId(src, "192.0.2.9", 443, "tcp", "h" + r.nextInt(5) + ".example");
            Evidence e = new Evidence(conns, conns, 0, 1, 60, 0.1, 0, 0, 100, 1, 1, 0, false, 0, 1.0, Map.of(), null,
                    null, null);
            out[i] = new Finding(0, Severity.of(score), score >= THRESHOLD, TYPES[r.nextInt(TYPES.length)], id,
                    new Scores(score, 0, 0, 0, 0, 0), e);
        }
        return out;
    }

    /** The reference: one stable comparator sort on (score desc, conns desc, channel text). */
    static List<Finding> reference(Finding[] all) {
        List<Finding> l = new ArrayList<>();
        for (Finding f : all) {
            if (f != null) {
                l.add(f);
            }
        }
        l.sort(Comparator.comparingDouble(Finding::score).reversed()
                .thenComparing(Comparator.comparingInt(Finding::conns).reversed())
                .thenComparing(Finding::channel));
        return l;
    }

    static List<Finding> pick(Finding[] all, int[] idx) {
        List<Finding> l = new ArrayList<>();
        for (int i : idx) {
            l.add(all[i]);
        }
        return l;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void fullRankingIsTheComparatorOrderTiesIncluded(long seed) {
        Finding[] all = randomFindings(seed, 3000);
        List<Finding> ref = reference(all);
        assertThat(pick(all, new FindingRanking(all).all())).containsExactlyElementsOf(ref);
        List<Finding> backwards = new ArrayList<>(ref);
        Collections.reverse(backwards);
        assertThat(BeaconDetector.rank(backwards)).extracting(Finding::channel)
                .containsExactlyElementsOf(ref.stream().map(Finding::channel).toList());
    }

    /**
     * Many findings (the sort on packed keys): many sources, some prefixes of others, in runs of
     * equal score and connections of thousands, with channels of other shapes among them.
     */
    @ParameterizedTest
    @ValueSource(longs = {11, 12})
    void manyFindingsRankAsTheComparatorOrder(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Finding[] all = new Finding[30_000];
        for (int i = 0; i < all.length; i++) {
            if (r.nextInt(9) == 0) {
                continue;
            }
            double score = r.nextInt(4) == 0 ? r.nextDouble() : r.nextInt(3) / 4.0;
            int conns = r.nextInt(3) == 0 ? 3 + r.nextInt(5000) : 3 + r.nextInt(2);
            ChannelId id = r.nextInt(5) == 0 ? ChannelTextOrderTest.random(r)
                    : new ChannelId("10." + r.nextInt(3) + ".0." + r.nextInt(130), "192.0.2." + r.nextInt(30),
                            r.nextInt(4) == 0 ? 8080 : 443, "tcp", null);
            Evidence e = new Evidence(conns, conns, 0, 1, 60, 0.1, 0, 0, 100, 1, 1, 0, false, 0, 1.0, Map.of(), null,
                    null, null);
            all[i] = new Finding(0, Severity.of(score), score >= THRESHOLD, FindingType.BEACON, id,
                    new Scores(score, 0, 0, 0, 0, 0), e);
        }
        List<Finding> ref = reference(all);
        assertThat(pick(all, new FindingRanking(all).all())).containsExactlyElementsOf(ref);
        assertThat(pick(all, new FindingRanking(all).select(10_000, true))).containsExactlyElementsOf(ref.subList(0, 10_000));
    }

    @ParameterizedTest
    @ValueSource(longs = {6, 7, 8})
    void topAndAlertsAreAPrefixOfTheFullRanking(long seed) {
        Finding[] all = randomFindings(seed, 2000);
        List<Finding> ref = reference(all);
        long alerts = ref.stream().filter(Finding::alert).count();
        for (int top : new int[] {0, 1, 5, 20, 333, 5000}) {
            for (boolean a : new boolean[] {false, true}) {
                List<Finding> got = pick(all, new FindingRanking(all).select(top, a));
                int want = (int) Math.min(ref.size(), Math.max(top, a ? alerts : 0));
                assertThat(got).as("top %d alerts %s", top, a).containsExactlyElementsOf(ref.subList(0, want));
            }
        }
    }

    /** What a user sees of a piece of evidence (equal findings are interchangeable). */
    private static String describe(HostEvidence e) {
        Finding f = (Finding) e.detail();
        return f.channel() + " " + f.score() + " " + f.conns() + " " + f.type();
    }

    @ParameterizedTest
    @ValueSource(longs = {9, 10})
    void hostTriageDoesNotDependOnTheOrderOfChannelEvidence(long seed) {
        Finding[] all = randomFindings(seed, 1500);
        List<Finding> ranked = reference(all);
        Set<String> hosts = new HashSet<>();
        List<HostEvidence> inRankOrder = new ArrayList<>();
        for (Finding f : ranked) {
            hosts.add(f.src());
            inRankOrder.add(f.hostEvidence());
        }
        List<HostEvidence> shuffled = new ArrayList<>(inRankOrder);
        Collections.shuffle(shuffled, new java.util.Random(seed));
        List<HostScore> a = HostTriage.rank(hosts, inRankOrder);
        List<HostScore> b = HostTriage.rank(hosts, shuffled);
        assertThat(b).hasSameSizeAs(a);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).host()).isEqualTo(a.get(i).host());
            assertThat(b.get(i).topDst()).isEqualTo(a.get(i).topDst());
            assertThat(b.get(i).evidence()).extracting(FindingRankingTest::describe)
                    .containsExactlyElementsOf(a.get(i).evidence().stream().map(FindingRankingTest::describe).toList());
        }
    }
}
