package org.beaconwatch.report.detection;

import java.util.List;
import org.beaconwatch.report.ExploreResult.InputFile;

/**
 * Everything the detection report shows, as numbers and text (log values among them, escaped by the
 * template); the charts are already drawn as SVG by {@link SvgCharts} from {@link ChannelCharts}.
 *
 * @param tool        tool name and version
 * @param summary     the run in figures
 * @param hostMethod  how hosts were ranked
 * @param hosts       host triage rows
 * @param cards       one per shown finding, in rank order
 */
public record DetectionPage(String tool, Summary summary, String hostMethod, List<HostRow> hosts, List<Card> cards) {

    public DetectionPage {
        hosts = List.copyOf(hosts);
        cards = List.copyOf(cards);
    }

    /**
     * What was read and found, for the page's summary.
     *
     * @param inputs              input files with size and SHA-256
     * @param spanStart           first connection of any scored channel (ISO-8601 UTC)
     * @param spanEnd             last connection start
     * @param spanText            span as "28.0 h"
     * @param flowsRead           flows read
     * @param flowsUsed           flows kept in a channel
     * @param channels            channels formed
     * @param scored              findings (scored channels)
     * @param alerts              alerting findings
     * @param suppressedByVerdict findings suppressed by a benign verdict
     * @param severities          per severity: findings and alerts
     * @param types               per finding type: findings and alerts
     * @param options             options as given
     * @param shown               cards on the page
     * @param shownNote           which findings got a card
     */
    public record Summary(List<InputFile> inputs, String spanStart, String spanEnd, String spanText, long flowsRead,
                          long flowsUsed, int channels, int scored, int alerts, int suppressedByVerdict,
                          List<Count> severities, List<Count> types, String options, int shown, String shownNote) {
        public Summary {
            inputs = List.copyOf(inputs);
            severities = List.copyOf(severities);
            types = List.copyOf(types);
        }
    }

    /** A row of the summary's count tables. */
    public record Count(String name, long findings, long alerts) {
    }

    /**
     * A host of the triage table; {@code links} are the host's findings that have a card.
     */
    public record HostRow(int index, String host, String score, String severity, int alerts, int findings,
                          List<Link> links, String reason) {
        public HostRow {
            links = List.copyOf(links);
        }
    }

    /** A finding rank, with the anchor of its card when it has one (else null). */
    public record Link(int rank, String anchor) {
    }

    /**
     * One finding card.
     *
     * @param anchor        element id, "f-RANK"
     * @param rank          finding rank
     * @param score         "0.96"
     * @param severity      severity label
     * @param alert         alerts
     * @param type          beacon, strobe, long_connection
     * @param channel       channel text (from the log)
     * @param src           source (from the log)
     * @param destination   server name or address:port/proto (from the log)
     * @param conns         connections
     * @param firstSeen     ISO-8601
     * @param lastSeen      ISO-8601
     * @param explanation   the finding's sentence
     * @param label         input label, or null
     * @param subScores     SVG
     * @param timeline      SVG
     * @param intervals     SVG
     * @param periodogram   SVG
     * @param periodogramNote how strong the peak is, in words
     * @param bytes         SVG
     * @param bytesNote     how many connections the bytes chart shows
     * @param otherSources  other hosts talking to the same destination
     * @param otherSourceCount how many in all
     * @param allowlistLine the allowlist line that would silence it
     * @param verdict       the analyst's verdict, or null
     * @param verdictNote   the verdict's note and author, or null
     * @param verdictLines  CSV lines to record a verdict (benign, then malicious), one per line
     */
    public record Card(String anchor, int rank, String score, String severity, boolean alert, String type,
                       String channel, String src, String destination, int conns, String firstSeen, String lastSeen,
                       String explanation, String label, String subScores, String timeline, String intervals,
                       String periodogram, String periodogramNote, String bytes, String bytesNote,
                       List<String> otherSources, int otherSourceCount, String allowlistLine, String verdict,
                       String verdictNote, String verdictLines) {
        public Card {
            otherSources = List.copyOf(otherSources);
        }
    }
}
