package org.beaconwatch.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.beaconwatch.host.HostEvidence;
import org.beaconwatch.output.Explanations;
import org.junit.jupiter.api.Test;

class DnsTunnelDetectorTest {

    @Test
    void registrableDomainsComeFromThePublicSuffixList() {
        assertThat(DnsTunnelDetector.registrable("a.b.example.co.uk")).isEqualTo("example.co.uk");
        assertThat(DnsTunnelDetector.registrable("x.y.blogspot.com")).isEqualTo("y.blogspot.com");
        assertThat(DnsTunnelDetector.registrable("www.example.com")).isEqualTo("example.com");
        assertThat(DnsTunnelDetector.registrable("printer.local")).isNull();
        assertThat(DnsTunnelDetector.registrable("10.0.0.1")).isNull();
    }

    @Test
    void entropyIsBitsPerCharacter() {
        assertThat(DnsTunnelDetector.entropy("aaaa")).isZero();
        assertThat(DnsTunnelDetector.entropy("abab")).isEqualTo(1.0);
        assertThat(DnsTunnelDetector.entropy("ab.cd")).isEqualTo(2.0);
    }

    @Test
    void aTunnelAlertsWhileASharedCdnAndEverydayNamesDoNot() {
        DnsTunnelDetector d = new DnsTunnelDetector(h -> h.startsWith("10."));
        SplittableRandom r = new SplittableRandom(7);
        String b32 = "abcdefghijklmnopqrstuvwxyz234567";
        for (int i = 0; i < 500; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < 40; k++) {
                sb.append(b32.charAt(r.nextInt(32)));
            }
            d.query("10.0.0.5", sb + "." + i + ".t.tunnel-example.com", "TXT");
        }
        for (int h = 1; h <= 20; h++) {
            for (int i = 0; i < 80; i++) {
                d.query("10.0.0." + h, String.format("e%06x.a.edgecdn.net", r.nextInt(1 << 24)), "A");
                d.query("10.0.0." + h, "www.example.org", "A");
            }
        }
        d.query("192.0.2.1", "zzzz.external.com", "A"); // not internal: ignored
        List<HostEvidence> ev = d.evidence(0.6);
        assertThat(ev).filteredOn(HostEvidence::alert).extracting(e -> e.host() + " " + e.dst())
                .containsExactly("10.0.0.5 tunnel-example.com");
        assertThat(Explanations.of(ev.get(0))).contains("500 unique subdomains").contains("no other host queries it");
        assertThat(ev).noneMatch(e -> e.dst().equals("example.org"));
    }
}
