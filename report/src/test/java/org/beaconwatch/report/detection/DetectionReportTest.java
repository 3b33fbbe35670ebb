package org.beaconwatch.report.detection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionReportTest {

    @Test
    void pageHasSummaryHostsAndACardPerShownFinding() throws Exception {
        DetectionPage page = DetectionFixtures.page(true);
        assertThat(page.summary().suppressedByVerdict()).isEqualTo(1);
        assertThat(page.cards()).isNotEmpty();
        assertThat(page.cards().get(0).channel()).contains(DetectionFixtures.HOSTILE_NAME);
        assertThat(page.cards().get(0).verdict()).isEqualTo("malicious");
        assertThat(page.cards().get(0).allowlistLine()).isEqualTo(DetectionFixtures.HOSTILE_NAME);
        assertThat(page.hosts()).extracting(DetectionPage.HostRow::host).startsWith("10.0.0.5");
        String html = DetectionReport.html(page);
        assertThat(html).contains("<section id=\"summary\">", "<section id=\"hosts\">", "<section id=\"findings\">",
                "suppressed by verdict", "href=\"#f-1\"", "id=\"f-1\"");
        assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("<b>confirmed")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;.example", "&lt;b&gt;confirmed&lt;/b&gt;",
                        "conn&lt;b&gt;.log");
        // every card has its four charts and the lines to act on it
        int cards = page.cards().size();
        for (String title : List.of("<title>connections over time</title>", "<title>inter-arrival times</title>",
                "<title>periodogram</title>", "<title>bytes sent per connection</title>")) {
            assertThat(html.split(java.util.regex.Pattern.quote(title), -1)).hasSize(cards + 1);
        }
        assertThat(html).contains("Content-Security-Policy").contains("default-src 'none'");
    }

    @Test
    void multiDaySpansGetOneTimelineRowPerDay() {
        DetectionPage page = DetectionFixtures.page(false);
        DetectionPage.Card jittered = page.cards().stream().filter(c -> c.channel().contains("198.51.100.8"))
                .findFirst().orElseThrow();
        // 700 beats of ~6 min span ~2.9 days from 2023-11-14 22:13 UTC: four calendar days
        assertThat(jittered.timeline()).contains(">2023-11-14<", ">2023-11-15<", ">2023-11-17<");
    }

    @Test
    void cardsStaySmall() throws Exception {
        DetectionPage page = DetectionFixtures.page(false);
        String html = DetectionReport.html(page);
        assertThat(html.length() / page.cards().size()).as("bytes per card").isLessThan(30_000);
    }

    @Test
    void verdictLinesReadBackAsTheSameChannel(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        DetectionPage page = DetectionFixtures.page(false);
        DetectionPage.Card named = page.cards().get(0);
        DetectionPage.Card address = page.cards().stream().filter(c -> c.channel().contains("198.51.100.8"))
                .findFirst().orElseThrow();
        java.nio.file.Path f = dir.resolve("verdicts.csv");
        java.nio.file.Files.writeString(f, org.beaconwatch.verdict.VerdictFile.HEADER + "\n" + named.verdictLines()
                + "\n" + address.verdictLines() + "\n");
        List<org.beaconwatch.verdict.Verdict> vs = org.beaconwatch.verdict.VerdictFile.read(f);
        assertThat(vs).hasSize(4);
        assertThat(vs.get(0).matches("10.0.0.5", "198.51.100.7", 443, DetectionFixtures.HOSTILE_NAME)).isTrue();
        assertThat(vs.get(0).kind()).isEqualTo(org.beaconwatch.verdict.Verdict.Kind.BENIGN);
        assertThat(vs.get(1).kind()).isEqualTo(org.beaconwatch.verdict.Verdict.Kind.MALICIOUS);
        assertThat(vs.get(2).matches("10.0.0.6", "198.51.100.8", 8443, null)).isTrue();
        assertThat(vs.get(2).matches("10.0.0.6", "198.51.100.8", 443, null)).isFalse();
    }

    @Test
    void hostTableUsesTheDetectionsHostScores() {
        DetectionFixtures.Run run = DetectionFixtures.run(false);
        org.beaconwatch.score.DetectionResult r = run.applied().result();
        assertThat(r.hosts()).isNotEmpty();
        DetectionPage page = DetectionReport.build(new DetectionReport.Inputs(r, run.details(), DetectionFixtures.TOP,
                DetectionFixtures.provenance(), 0, null));
        assertThat(page.hostMethod()).contains("host scores of the detection");
        List<org.beaconwatch.host.HostScore> scored = r.hosts().stream().filter(h -> h.findings() > 0).toList();
        assertThat(page.hosts()).extracting(DetectionPage.HostRow::host)
                .containsExactlyElementsOf(scored.stream().map(org.beaconwatch.host.HostScore::host).toList());
        for (int i = 0; i < scored.size(); i++) {
            DetectionPage.HostRow row = page.hosts().get(i);
            assertThat(row.score()).isEqualTo(org.beaconwatch.output.Numbers.fixed(scored.get(i).score(), 2));
            assertThat(row.reason()).isEqualTo(org.beaconwatch.output.Explanations.of(scored.get(i)));
            assertThat(row.severity()).isEqualTo(scored.get(i).severity().label());
        }
    }

    @Test
    void withoutHostScoresTheTableRollsUpTheChannelFindings() {
        DetectionFixtures.Run run = DetectionFixtures.run(false);
        org.beaconwatch.score.DetectionResult r = run.applied().result();
        org.beaconwatch.score.DetectionResult noHosts = new org.beaconwatch.score.DetectionResult(r.findings(),
                r.flowsRead(), r.flowsUsed(), r.channels(), r.channelsBelowMinConns(), r.skippedExternalSource(),
                r.skippedDestination(), r.allowlisted(), r.internalSources(), r.options());
        DetectionPage page = DetectionReport.build(new DetectionReport.Inputs(noHosts, run.details(),
                DetectionFixtures.TOP, DetectionFixtures.provenance(), 0, null));
        assertThat(page.hostMethod()).contains("roll-up of channel findings");
        assertThat(page.hosts()).extracting(DetectionPage.HostRow::host).startsWith("10.0.0.5");
    }

    @Test
    void aBenignVerdictTakesNoCardAndNoPlaceAmongTheTop() {
        DetectionFixtures.Run run = DetectionFixtures.run(true);
        DetectionPage page = DetectionFixtures.page(true);
        assertThat(run.applied().suppressed()).isEqualTo(1);
        assertThat(page.cards()).noneMatch(c -> c.src().equals("10.0.1.1") && c.destination().startsWith("203.0.113.9"));
        long others = run.applied().result().findings().stream().filter(f -> !f.alert()).count();
        assertThat(page.cards().stream().filter(c -> !c.alert()).count())
                .isEqualTo(Math.min(DetectionFixtures.TOP, others));
        // the host scores are recomputed without the suppressed channel
        org.beaconwatch.host.HostScore h = run.applied().result().hosts().stream()
                .filter(x -> x.host().equals("10.0.1.1")).findFirst().orElseThrow();
        long remaining = run.applied().result().findings().stream().filter(f -> f.src().equals("10.0.1.1")).count();
        assertThat(h.findings()).isEqualTo((int) remaining);
    }
}
