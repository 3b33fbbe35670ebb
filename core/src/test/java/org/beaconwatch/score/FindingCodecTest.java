package org.beaconwatch.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.beaconwatch.severity.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A finding written and read back is the same finding: equal as a record (ranks, channel, labels,
 * adjustments, features), every double bit for bit, and usable as host evidence; on every finding
 * detection makes of the shared data and of a simulator run, and on findings made to be awkward.
 */
class FindingCodecTest {
    @TempDir
    Path tmp;

    static List<Finding> roundTrip(List<Finding> findings) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FindingCodec w = new FindingCodec();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (Finding f : findings) {
                w.write(f, out);
            }
        }
        FindingCodec r = new FindingCodec();
        List<Finding> back = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            for (int i = 0; i < findings.size(); i++) {
                back.add(r.read(in));
            }
            assertThat(in.read()).as("nothing after the last finding").isEqualTo(-1);
        }
        return back;
    }

    /** The raw bits of every double a finding holds, in a fixed order. */
    static long[] bits(Finding f) {
        Scores s = f.scores();
        Evidence e = f.evidence();
        List<Double> d = new ArrayList<>(List.of(s.score(), s.timing(), s.periodicity(), s.size(), s.persistence(),
                s.prevalence(), e.periodSeconds(), e.jitter(), e.missedRatio(), e.burstRatio(), e.medianBytes(),
                e.cohortFactor(), e.adjustments().noHostShare()));
        long[] out = new long[d.size() + 2 * e.features().size()];
        int k = 0;
        for (double v : d) {
            out[k++] = Double.doubleToRawLongBits(v);
        }
        for (Map.Entry<String, Double> en : e.features().entrySet()) {
            out[k++] = en.getKey() == null ? 0 : en.getKey().hashCode();
            out[k++] = en.getValue() == null ? 1 : Double.doubleToRawLongBits(en.getValue());
        }
        return out;
    }

    static void assertSame(List<Finding> back, List<Finding> written, String what) {
        assertThat(back).as(what).isEqualTo(written);
        for (int i = 0; i < written.size(); i++) {
            Finding a = written.get(i);
            Finding b = back.get(i);
            assertThat(bits(b)).as("%s: %s", what, a.channel()).isEqualTo(bits(a));
            assertThat(b.features()).as(what).containsExactlyEntriesOf(a.features());
            assertThat(b.hostEvidence()).as(what).isEqualTo(a.hostEvidence());
            assertThat(b.hostEvidence().detail()).isSameAs(b);
        }
    }

    @Test
    void everyFindingOfTheSharedData() throws IOException {
        Map<Path, List<Finding>> all = RealFindings.sharedData();
        int findings = 0;
        for (Map.Entry<Path, List<Finding>> e : all.entrySet()) {
            assertSame(roundTrip(e.getValue()), e.getValue(), e.getKey().toString());
            findings += e.getValue().size();
        }
        assertThat(all).hasSizeGreaterThan(10);
        assertThat(findings).isGreaterThan(150);
        assertThat(all.values()).anyMatch(l -> l.stream().anyMatch(x -> x.label() != null));
    }

    @Test
    void everyFindingOfASimulatorRun() throws IOException {
        List<Finding> f = RealFindings.simulated(tmp.resolve("sim"), 60_000, 3);
        assertThat(f).hasSizeGreaterThan(100);
        assertThat(f).anyMatch(x -> x.serverName() != null).anyMatch(x -> x.serverName() == null);
        List<Finding> back = roundTrip(f);
        assertSame(back, f, "simulator");
        // read-back findings share one feature name list, as detection's do
        assertThat(((FeatureMap) back.get(0).features()).names())
                .isSameAs(((FeatureMap) back.get(back.size() - 1).features()).names());
    }

    private static Evidence evidence(Map<String, Double> features, String label, String detailed, Adjustments a,
                                     double odd) {
        return new Evidence(Integer.MAX_VALUE, 0, Long.MIN_VALUE, Long.MAX_VALUE, odd, -0.0, Double.MIN_VALUE, 1.0,
                Double.NaN, -1, Integer.MIN_VALUE, 7, true, 3, 0.5, features, label, detailed, a);
    }

    @Test
    void awkwardFindings() throws IOException {
        String longLabel = "é".repeat(40_000) + "€".repeat(10_000); // 130,000 bytes of UTF-8
        String lonely = "bad\uD800name\uDFFF.example"; // unpaired surrogates, as an escaped JSON string can give
        double payloadNaN = Double.longBitsToDouble(0x7ff8_0000_0000_0abcL);
        Map<String, Double> plain = new LinkedHashMap<>();
        plain.put("nan", Double.NaN);
        plain.put("payload_nan", payloadNaN);
        plain.put("inf", Double.POSITIVE_INFINITY);
        plain.put("minus_inf", Double.NEGATIVE_INFINITY);
        plain.put("minus_zero", -0.0);
        plain.put("missing", null);
        plain.put(null, 1.5);
        plain.put("", 0.0);
        FeatureMap.Builder fb = new FeatureMap.Builder(3, true).put("a", Double.NaN).put("b", -0.0)
                .put("c", Double.POSITIVE_INFINITY);
        FeatureMap fm = fb.build(fb.names());
        Adjustments adj = new Adjustments(2, "cdn.example", Double.NaN, true, lonely, true, 86_400_000_000L);
        Adjustments half = new Adjustments(0, null, 0.25, false, null, false, 0);
        List<Finding> f = List.of(
                new Finding(1, Severity.CRITICAL, true, FindingType.BEACON,
                        new ChannelId("2001:db8::7", "2001:db8:1::1", 443, "tcp", null),
                        new Scores(0.91, 1, 0, Double.NaN, payloadNaN, -0.0),
                        evidence(plain, "Malicious", "C&C \"x\", ünïcode 🚩", adj, Double.POSITIVE_INFINITY)),
                new Finding(0, Severity.NONE, false, FindingType.LONG_CONNECTION,
                        new ChannelId("10.0.0.1", "-", -1, "icmp", lonely),
                        new Scores(0, 0, 0, 0, 0, 0), evidence(fm, null, null, null, Double.NEGATIVE_INFINITY)),
                new Finding(-5, Severity.LOW, false, FindingType.STROBE,
                        new ChannelId("", "", Integer.MAX_VALUE, "", ""),
                        new Scores(Double.MIN_VALUE, 0, 0, 0, 0, 0), evidence(Map.of(), longLabel, "", half, 0)),
                new Finding(3, Severity.MEDIUM, true, FindingType.BEACON,
                        new ChannelId("fe80::1%eth0", "192.0.2.1", 0, "udp", "xn--bcher-kva.example"),
                        new Scores(0.6, 0.6, 0.6, 0.6, 0.6, 0.6), evidence(fm, "a,b\r\n=c", "-", Adjustments.NONE, 1)));
        List<Finding> back = roundTrip(f);
        assertSame(back, f, "awkward");
        assertThat(back.get(2).label()).hasSize(50_000).isEqualTo(longLabel);
        assertThat(back.get(1).serverName()).isEqualTo(lonely);
        assertThat(back.get(0).evidence().adjustments().rareSignature()).isEqualTo(lonely);
        assertThat(back.get(0).features()).containsEntry("missing", null).containsEntry(null, 1.5);
        assertThat(Double.doubleToRawLongBits(back.get(0).features().get("payload_nan"))).isEqualTo(0x7ff8_0000_0000_0abcL);
        assertThat(back.get(1).evidence().adjustments()).isSameAs(Adjustments.NONE);
        assertThat(back.get(1).features()).isInstanceOf(FeatureMap.class);
        assertThat(back.get(2).hostEvidence().dst()).isEqualTo("");
    }

    @Test
    void aTruncatedOrDamagedStreamIsAnErrorNotAWrongFinding() throws IOException {
        List<Finding> f = Arrays.asList(FindingRankingTest.randomFindings(11, 20)).stream()
                .filter(x -> x != null).toList();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FindingCodec w = new FindingCodec();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            w.write(f.get(0), out);
        }
        byte[] whole = bytes.toByteArray();
        byte[] cut = Arrays.copyOf(whole, whole.length - 3);
        assertThatThrownBy(() -> new FindingCodec().read(new DataInputStream(new ByteArrayInputStream(cut))))
                .isInstanceOf(EOFException.class);
        int head = whole[0] < 0 ? 2 : 1; // the frame's length takes one or two bytes here
        byte[] bad = whole.clone();
        bad[head + 1] = 99; // after the rank: the severity's ordinal
        assertThatThrownBy(() -> new FindingCodec().read(new DataInputStream(new ByteArrayInputStream(bad))))
                .isInstanceOf(IOException.class).hasMessageContaining("corrupt");
        // the frame claims a byte more than the finding holds
        ByteArrayOutputStream longer = new ByteArrayOutputStream();
        int len = whole.length - head + 1;
        for (int v = len; ; v >>>= 7) {
            if ((v & ~0x7F) == 0) {
                longer.write(v);
                break;
            }
            longer.write((v & 0x7F) | 0x80);
        }
        longer.write(whole, head, whole.length - head);
        longer.write(0);
        assertThatThrownBy(() -> new FindingCodec().read(new DataInputStream(new ByteArrayInputStream(longer.toByteArray()))))
                .isInstanceOf(IOException.class).hasMessageContaining("corrupt");
    }
}
