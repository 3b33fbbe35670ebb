package org.beaconwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.beaconwatch.output.Numbers;
import org.beaconwatch.report.ExploreResult.FeatureTest;
import org.beaconwatch.report.ExploreResult.Signal;
import org.junit.jupiter.api.Test;

/**
 * Cliff's δ is one quantity with one sign, P(positive &gt; other) − P(positive &lt; other): the feature
 * tests, the ranked signals and the channel view print the same value, and the page says what it is.
 */
class CliffsDeltaSignTest {
    private static final ExploreResult R = Explorer.explore(Fixtures.flows(1), ExploreOptions.of("label", "1"), 600,
            Explorer.unrecorded(ExploreOptions.of("label", "1")), Fixtures.channels(2), "hand-built channel table");

    @Test
    void signalsCarryTheSignedDeltaOfTheirFeatureTest() {
        int numeric = 0;
        for (FeatureTest f : R.features()) {
            if (!f.kind().equals("numeric") || Double.isNaN(f.cliffsDelta())) {
                continue;
            }
            numeric++;
            Signal s = R.signals().stream().filter(x -> x.feature().equals(f.feature())).findFirst().orElseThrow();
            assertThat(s.effect()).as(f.feature()).isEqualTo(f.cliffsDelta()).isEqualTo(f.effect());
            assertThat(s.reading()).as(f.feature()).startsWith(f.cliffsDelta() > 0 ? "Higher" : "Lower");
        }
        assertThat(numeric).isGreaterThan(1);
    }

    @Test
    void periodicChannelsHaveANegativeIntervalDeltaInEveryTable() {
        // C2 channels have the lower interval CV: every one of them is below every other channel.
        FeatureTest cv = R.channels().features().stream().filter(f -> f.feature().equals("interval_cv")).findFirst()
                .orElseThrow();
        Signal s = R.channels().signals().stream().filter(x -> x.feature().equals("interval_cv")).findFirst()
                .orElseThrow();
        assertThat(cv.cliffsDelta()).isEqualTo(-1.0);
        assertThat(s.effect()).isEqualTo(-1.0);
        assertThat(cv.positive().median()).isLessThan(cv.negative().median());
    }

    @Test
    void thePagePrintsOneSignAndStatesTheDefinition() throws IOException {
        String html = ReportWriter.html(R);
        int features = html.indexOf("<section id=\"features\">");
        int channels = html.indexOf("<section id=\"channels\">");
        int signals = html.indexOf("<section id=\"signals\">");
        assertThat(html).contains("Cliff&#39;s δ = P(positive &gt; other) − P(positive &lt; other)");
        for (FeatureTest f : R.features()) {
            if (f.kind().equals("numeric") && !Double.isNaN(f.cliffsDelta())) {
                String shown = "Cliff&#39;s δ = " + Numbers.num(f.cliffsDelta());
                assertThat(html.substring(features, channels)).as(f.feature()).contains(shown);
                assertThat(html.substring(signals)).as(f.feature()).contains(shown);
            }
        }
        assertThat(html.substring(channels, signals)).contains("Cliff&#39;s δ = -1");
    }
}
