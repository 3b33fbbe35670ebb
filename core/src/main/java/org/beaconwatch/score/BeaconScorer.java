package org.beaconwatch.score;

import java.util.List;
import org.beaconwatch.channel.ChannelSeries;
import org.beaconwatch.flow.IpAddress;
import org.beaconwatch.severity.Severity;
import org.beaconwatch.signal.Periodogram;

/**
 * Combines the sub-scores of one channel into a {@link Finding}: numbers only (its sentence is
 * worded by {@code org.beaconwatch.output.Explanations}).
 *
 * <p>Regularity R = timing + (1 − timing)·periodicity/2: the interval statistic is the primary
 * evidence (it tolerates jitter and missed beats); a significant periodogram peak can only add
 * to it, because heavy jitter erases the spectral line of a genuine beacon.
 * Base = 0.6·R + 0.2·size + 0.2·persistence: regularity is what makes a beacon; consistent
 * sizes and persistence corroborate but are common in benign traffic too, so they cannot
 * alert on their own (0.4 &lt; 0.6 threshold).
 * Score = base · confidence · (0.35 + 0.65·prevalence·neighbourhood), where confidence = 1 − exp(−(beats − 1)/4)
 * reflects how much a handful of intervals can prove (3 intervals 0.53, 10 intervals 0.9; times
 * √(span / 1 min) for channels seen for less than a minute, which are bursts, not beacons), and the
 * rarity factor pushes shared services down by up to 65 %. Neighbourhood = 1/(1 + k), where k is
 * the number of other addresses in the destination's network (IPv4 /16, IPv6 /48) — or other
 * names under the same domain — that the same source talks to: benign periodic software talks to
 * providers the host uses for many things (Microsoft, an antivirus vendor's update farm, a CDN),
 * while a C2 server is usually a lone address; with a single monitored host, where prevalence
 * cannot help, this is the remaining evidence of a shared service. The alert threshold 0.6 then needs
 * clear regularity (a jittered beacon with timing ≈ 0.5 passes with consistent sizes and
 * persistence), at least ~5 beats and a rare destination.
 *
 * NTP-shaped channels (udp/123, 48-byte requests) are halved: RFC 5905 clients poll periodically
 * by design, so their regularity is no evidence.
 *
 * <p>Strobes (≥ 30 connections at ≥ 1 per second on average) score 0.5 × prevalence factor and
 * do not alert by default: they are floods, scans or chatty applications, not stealthy C2.
 * Long connections (≥ 1 h) score 0.3 + 0.1·log2(hours), at most 0.75, × prevalence factor, and
 * win over the beacon score when higher.
 */
final class BeaconScorer {
    static final long HOUR = ScoreWeights.LONG_CONN;
    /** Number of features of a finding (the builder's array is the finding's, without a copy). */
    private static final int FEATURES = 45;
    private static final Periodogram.Result NO_PERIODOGRAM = new Periodogram.Result(0, 0, 0, 0, 0);

    private BeaconScorer() {
    }

    /** Whether a channel of {@code n} connections, the longest lasting {@code longest} µs, is scored. */
    static boolean makesFinding(int n, long longest, DetectOptions o) {
        return n >= o.minConns() || longest >= ScoreWeights.LONG_CONN;
    }

    /** Scores a channel; null when it has too few connections and no long connection. */
    static Finding score(ChannelSeries c, int prevalence, int internalSources, int siblings, DetectOptions o) {
        return score(c, prevalence, internalSources, siblings, o, null, null);
    }

    /**
     * As {@link #score(ChannelSeries, int, int, int, DetectOptions)}, with the source address as
     * text (null: formatted here) and the destination addresses formatted once per destination
     * (null: formatted here), so findings of one host or address share their strings.
     */
    static Finding score(ChannelSeries c, int prevalence, int internalSources, int siblings, DetectOptions o,
                         String src, AddressTexts dsts) {
        int n = c.size();
        long[] t = c.ts();
        long[] durations = c.duration();
        long longest = 0;
        for (int i = 0; i < n; i++) {
            longest = Math.max(longest, durations[i]);
        }
        double maxDur = longest;
        boolean longConn = maxDur >= ScoreWeights.LONG_CONN;
        if (!makesFinding(n, longest, o)) {
            return null;
        }
        ScoreScratch scratch = ScoreScratch.get();
        SizeScore.Size size = SizeScore.of(c.origBytes(), c.respBytes(), durations, n, scratch);
        long span = t[n - 1] - t[0];
        double rate = n * 1e6 / Math.max(span, 1_000_000L);
        boolean strobe = n >= ScoreWeights.STROBE_MIN_CONNS && rate >= ScoreWeights.STROBE_MIN_RATE;
        TimingScore.Timing timing = strobe ? TimingScore.Timing.NONE : TimingScore.evaluate(t, n, scratch);
        Periodogram.Result pr = NO_PERIODOGRAM;
        double prevScore = PrevalenceScore.of(prevalence, internalSources);
        double neighbourhood = ScoreWeights.neighbourhood(siblings);
        double prevFactor = ScoreWeights.rarity(prevScore, neighbourhood);
        boolean ntp = isNtp(c, size);
        double ntpFactor = ntp ? ScoreWeights.NTP_FACTOR : 1.0;
        // the periodogram is the expensive step: skip it where even perfect regularity and
        // persistence could not reach the alert threshold (the same formula with regularity 1,
        // persistence 1 and every connection a beat bounds the score)
        double bound = ScoreWeights.base(1.0, size.score(), 1.0) * ScoreWeights.confidence(n, (double) span)
                * prevFactor * ntpFactor;
        boolean canAlert = bound >= o.alertThreshold();
        boolean runPeriodogram = !strobe && n >= ScoreWeights.PERIODOGRAM_MIN_CONNS && canAlert;
        if (runPeriodogram) {
            double hint = timing.periodMicros() > 0 ? timing.periodMicros() : span / (double) n;
            pr = Periodogram.analyse(t, n, hint, o.maxBins());
            if (pr.log10Fap() <= -3 && pr.periodMicros() > 0
                    && Math.abs(pr.periodMicros() - timing.periodMicros()) > 0.15 * pr.periodMicros()) {
                TimingScore.Timing alt = TimingScore.at(t, n, pr.periodMicros(), TimingScore.BURST_FRACTION * pr.periodMicros(),
                        scratch);
                timing = TimingScore.better(timing, alt);
            }
        }
        double periodicity = PeriodicityScore.of(pr);
        PersistenceScore.Persistence pers = PersistenceScore.of(t, n, timing.periodMicros());
        double ts = timing.score();
        double regularity = ScoreWeights.regularity(ts, periodicity);
        double base = ScoreWeights.base(regularity, size.score(), pers.score());
        int beats = Math.max(1, timing.beats());
        double confidence = ScoreWeights.confidence(beats, (double) span);
        double beaconScore = base * confidence * prevFactor * ntpFactor;

        FindingType type = FindingType.BEACON;
        double score = beaconScore;
        if (strobe) {
            type = FindingType.STROBE;
            score = ScoreWeights.STROBE_SCORE * prevFactor;
        } else if (longConn) {
            double ls = ScoreWeights.longConnection(maxDur / ScoreWeights.LONG_CONN) * prevFactor;
            if (ls > beaconScore || n < o.minConns()) {
                type = FindingType.LONG_CONNECTION;
                score = ls;
            }
        }
        score = Math.round(score * 10000) / 10000.0;
        double periodS = timing.periodMicros() / 1e6;

        FeatureMap.Builder f = new FeatureMap.Builder(FEATURES, featureNames == null);
        f.put("conns", (double) n);
        f.put("beats", (double) timing.beats());
        f.put("span_s", span / 1e6);
        f.put("conns_per_hour", n * 3600e6 / Math.max(span, 1_000_000L));
        f.put("period_s", periodS);
        f.put("jitter", timing.jitter());
        f.put("timing_score", ts);
        f.put("timing_mad", timing.madRel());
        f.put("timing_bowley", timing.bowley());
        f.put("missed_beat_ratio", timing.missedRatio());
        f.put("burst_ratio", timing.burstRatio());
        f.put("periodicity_score", periodicity);
        f.put("fap_log10", pr.log10Fap());
        f.put("periodogram_run", runPeriodogram ? 1.0 : 0.0);
        f.put("acf", pr.acf());
        f.put("fft_period_s", pr.periodMicros() / 1e6);
        f.put("size_score", size.score());
        f.put("bytes_score", nan0(size.bytesScore()));
        f.put("duration_score", nan0(size.durationScore()));
        f.put("median_orig_bytes", nan0(size.medianBytes()));
        f.put("bytes_mad", nan0(size.bytesMad()));
        f.put("median_resp_bytes", nan0(size.medianRespBytes()));
        f.put("duration_median", nan0(size.medianDuration()) / 1e6);
        f.put("duration_max", maxDur / 1e6);
        f.put("persistence_score", pers.score());
        f.put("persistence_hours", pers.hourShare());
        f.put("persistence_days", pers.dayShare());
        f.put("active_buckets", (double) pers.activeBuckets());
        f.put("active_days", (double) pers.activeDays());
        f.put("prevalence_sources", (double) prevalence);
        f.put("prevalence_score", prevScore);
        f.put("neighbourhood_siblings", (double) siblings);
        f.put("neighbourhood_score", neighbourhood);
        f.put("rarity_factor", prevFactor);
        f.put("confidence", confidence);
        f.put("ntp_like", ntp ? 1.0 : 0.0);
        f.put("peer_cohort", 0.0);
        f.put("co_timed", 0.0);
        f.put("no_host_share", 0.0);
        f.put("rare_signature", 0.0);
        f.put("first_seen_recent", 0.0);
        f.put("modifier_bonus", 0.0);
        f.put("cohort_factor", 1.0);
        f.put("beacon_score", beaconScore);
        f.put("score", score);

        Severity sev = Severity.of(score);
        boolean alert = score >= o.alertThreshold();
        String dst;
        if (c.serverName() != null) {
            dst = IpAddress.isNone(c.dstHi(), c.dstLo()) ? "-" : IpAddress.format(c.dstHi(), c.dstLo());
        } else {
            dst = dsts != null ? dsts.format(c.destinationId(), c.dstHi(), c.dstLo())
                    : IpAddress.format(c.dstHi(), c.dstLo());
        }
        ChannelId id = new ChannelId(src != null ? src : IpAddress.format(c.srcHi(), c.srcLo()), dst, c.dstPort(),
                c.proto().label(), c.serverName());
        Scores scores = new Scores(score, ts, periodicity, size.score(), pers.score(), prevScore);
        Evidence evidence = new Evidence(n, timing.beats(), t[0], t[n - 1], periodS, timing.jitter(),
                timing.missedRatio(), timing.burstRatio(), size.medianBytes(), longest, prevalence, siblings, ntp, 0, 1.0,
                f.build(featureNames(f)), c.label(), c.detailedLabel(), Adjustments.NONE);
        return new Finding(0, sev, alert, type, id, scores, evidence);
    }

    /** See {@link ChannelScoring#upperBound}. */
    static double upperBound(ChannelSeries c, int prevalence, int internalSources, int siblings, DetectOptions o) {
        int n = c.size();
        if (n == 0) {
            return 0;
        }
        long[] t = c.ts();
        long[] durations = c.duration();
        long longest = 0;
        for (int i = 0; i < n; i++) {
            longest = Math.max(longest, durations[i]);
        }
        boolean longConn = longest >= ScoreWeights.LONG_CONN;
        if (n < o.minConns() && !longConn) {
            return 0;
        }
        long span = t[n - 1] - t[0];
        double rarity = ScoreWeights.rarity(PrevalenceScore.of(prevalence, internalSources),
                ScoreWeights.neighbourhood(siblings));
        // beats never exceed connections, and confidence grows with beats; NTP and cohort factors are at most 1
        double beacon = ScoreWeights.base(1.0, 1.0, 1.0) * ScoreWeights.confidence(n, (double) span) * rarity;
        double bound = Math.max(beacon, ScoreWeights.STROBE_SCORE * rarity);
        if (longConn) {
            bound = Math.max(bound, ScoreWeights.longConnection((double) longest / ScoreWeights.LONG_CONN) * rarity);
        }
        // rounded as the score is (rounding never lowers a larger value below a smaller one's)
        bound = Math.round(bound * 10000) / 10000.0;
        if (beacon >= ScoreWeights.MODIFIER_MIN_SCORE || bound >= ScoreWeights.MODIFIER_MIN_SCORE) {
            bound = Math.round(Math.min(1.0, bound + ScoreWeights.MOD_NO_HOST + ScoreWeights.MOD_RARE_SIGNATURE
                    + ScoreWeights.MOD_FIRST_SEEN) * 10000) / 10000.0;
        }
        return Math.min(1.0, bound);
    }

    /**
     * NTP-shaped: UDP to port 123 with requests of one to four 48-byte NTP headers (a flow record
     * can hold a poll and its retry: IoT-23's Mirai host sends 96 bytes per record) or unknown sizes. NTP
     * clients poll every 64-1024 s by design (RFC 5905), so their regularity is no evidence; the
     * score is halved. A C2 channel on udp/123 with other payloads keeps its full score.
     */
    static boolean isNtp(ChannelSeries c, SizeScore.Size size) {
        if (c.proto() != org.beaconwatch.flow.Protocol.UDP || c.dstPort() != 123 || c.serverName() != null) {
            return false;
        }
        double b = size.medianBytes();
        if (Double.isNaN(b)) {
            return true;
        }
        // one to four 48-byte NTP packets per flow record (a record can hold a poll and its retry)
        long packets = Math.round(b / 48);
        return packets >= 1 && packets <= 4 && Math.abs(b - 48 * packets) <= 8;
    }

    private static volatile List<String> featureNames;

    /** One shared, immutable list of feature names for every finding. */
    private static List<String> featureNames(FeatureMap.Builder f) {
        List<String> names = featureNames;
        if (names == null) {
            names = f.names();
            featureNames = names;
        }
        return names;
    }

    private static double nan0(double v) {
        return Double.isNaN(v) ? 0 : v;
    }
}
