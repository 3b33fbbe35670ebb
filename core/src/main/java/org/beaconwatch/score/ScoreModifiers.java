package org.beaconwatch.score;

import java.util.Map;
import org.beaconwatch.io.ClientSignatures;
import org.beaconwatch.severity.Severity;

/**
 * RITA-style score modifiers [1]: small additions to a beacon's score for facts that are not
 * timing but are typical of C2 clients, each a named weight in {@link ScoreWeights} and each named
 * in the explanation with its weight:
 * <ul>
 * <li>HTTP without a Host header ({@link ScoreWeights#MOD_NO_HOST}): at least half of the channel's
 *     HTTP requests lack one (http.log {@code host} unset);</li>
 * <li>a rare client signature ({@link ScoreWeights#MOD_RARE_SIGNATURE}): a user agent or JA3 of the
 *     channel that the input saw towards this destination only;</li>
 * <li>first seen recently ({@link ScoreWeights#MOD_FIRST_SEEN}): for inputs spanning days, the
 *     channel's first connection is in the last day.</li>
 * </ul>
 * Only beacon findings scoring at least {@link ScoreWeights#MODIFIER_MIN_SCORE} are touched; the
 * sum is added and the score capped at 1. The first two need Zeek http.log / ssl.log beside
 * conn.log (ssl.log's {@code ja3} column comes from Zeek's ja3 package); without them only the
 * first-seen modifier can apply.
 */
final class ScoreModifiers {
    /** Share of a channel's HTTP requests without a Host header from which the modifier applies. */
    static final double NO_HOST_SHARE = 0.5;

    private ScoreModifiers() {
    }

    /** Applies the modifiers in place; null entries are skipped. */
    static void apply(Finding[] out, ClientSignatures clients, DetectOptions o) {
        long first = Long.MAX_VALUE, last = Long.MIN_VALUE;
        for (Finding f : out) {
            if (f != null) {
                first = Math.min(first, f.firstSeen());
                last = Math.max(last, f.lastSeen());
            }
        }
        apply(out, clients, o, first, last);
    }

    /**
     * Applies the modifiers in place to some of the input's findings; {@code first} and
     * {@code last} are the first and last connection of every finding of the input.
     */
    static void apply(Finding[] out, ClientSignatures clients, DetectOptions o, long first, long last) {
        boolean days = last > first && last - first >= ScoreWeights.FIRST_SEEN_MIN_SPAN;
        boolean companions = clients != null && !clients.isEmpty();
        if (!days && !companions) {
            return;
        }
        for (int i = 0; i < out.length; i++) {
            Finding f = out[i];
            if (f == null || f.type() != FindingType.BEACON || f.score() < ScoreWeights.MODIFIER_MIN_SCORE) {
                continue;
            }
            ClientSignatures.Channel c = companions
                    ? clients.of(f.src(), f.serverName() != null ? f.serverName() : f.dst())
                    : null;
            double noHostShare = c == null || c.httpRequests() == 0 ? 0 : (double) c.noHost() / c.httpRequests();
            boolean noHost = noHostShare >= NO_HOST_SHARE;
            boolean rare = c != null && c.rareSignature() != null;
            boolean recent = days && f.firstSeen() >= last - ScoreWeights.FIRST_SEEN_RECENT;
            double bonus = (noHost ? ScoreWeights.MOD_NO_HOST : 0) + (rare ? ScoreWeights.MOD_RARE_SIGNATURE : 0)
                    + (recent ? ScoreWeights.MOD_FIRST_SEEN : 0);
            if (bonus == 0) {
                continue;
            }
            double score = Math.round(Math.min(1.0, f.score() + bonus) * 10000) / 10000.0;
            Map<String, Double> features;
            if (f.features() instanceof FeatureMap fm) {
                features = fm.with("no_host_share", noHostShare, "rare_signature", rare ? 1.0 : 0.0,
                        "first_seen_recent", recent ? 1.0 : 0.0, "modifier_bonus", bonus, "score", score);
            } else {
                features = new java.util.LinkedHashMap<>(f.features());
                features.put("no_host_share", noHostShare);
                features.put("rare_signature", rare ? 1.0 : 0.0);
                features.put("first_seen_recent", recent ? 1.0 : 0.0);
                features.put("modifier_bonus", bonus);
                features.put("score", score);
            }
            out[i] = new Finding(f.rank(), Severity.of(score), score >= o.alertThreshold(), f.type(), f.id(),
                    f.scores().withScore(score), f.evidence().withModifiers(features, f.evidence().adjustments()
                    .withModifiers(noHostShare, noHost, rare ? c.rareSignature() : null, recent,
                            recent ? last - first : 0)));
        }
    }
}
