package org.beaconwatch.io;

import java.util.HashMap;
import java.util.Map;

/**
 * What the Zeek companion logs say about the clients of each channel, for the RITA-style score
 * modifiers: per (source, destination) the HTTP requests and how many lacked a Host header, and the
 * client signatures seen (HTTP user agent, TLS JA3 where ssl.log has a {@code ja3} column); per
 * signature, whether it was ever used towards more than one destination. The destination is the
 * channel's: the TLS SNI, the HTTP Host or CONNECT target, else the responder address. Empty when no
 * ssl.log or http.log was read. Aggregated while reading, one small entry per (source, destination),
 * never one per request.
 */
public final class ClientSignatures {
    /** Signatures kept per channel (a channel with more is not a one-program channel anyway). */
    static final int MAX_PER_CHANNEL = 8;

    /**
     * What one channel's companion records show.
     *
     * @param httpRequests  HTTP requests (CONNECT excluded)
     * @param noHost        of those, requests without a Host header
     * @param rareSignature a user agent ("user agent ...") or JA3 ("ja3 ...") of this channel that
     *                      no other destination saw, or null
     */
    public record Channel(int httpRequests, int noHost, String rareSignature) {
        static final Channel NONE = new Channel(0, 0, null);
    }

    private static final class Entry {
        int http;
        int noHost;
        final String[] signatures = new String[MAX_PER_CHANNEL];
        int n;
    }

    private final Map<String, Entry> channels = new HashMap<>();
    /** Signature -> its one destination, or "" once seen towards two. */
    private final Map<String, String> destinations = new HashMap<>();

    /**
     * Records one ssl.log or http.log record.
     *
     * @param src         the client (id.orig_h)
     * @param destination server name the channel is keyed by, or the responder address when none
     * @param signature   "user agent ..." or "ja3 ...", or null
     * @param http        an HTTP request other than CONNECT
     * @param noHost      an HTTP request without a Host header
     */
    public synchronized void record(String src, String destination, String signature, boolean http, boolean noHost) {
        if (src == null || destination == null || destination.isEmpty()) {
            return;
        }
        Entry e = channels.computeIfAbsent(src + "|" + destination, k -> new Entry());
        if (http) {
            e.http++;
            if (noHost) {
                e.noHost++;
            }
        }
        if (signature == null || signature.isEmpty()) {
            return;
        }
        destinations.merge(signature, destination, (old, now) -> old.equals(now) ? old : "");
        for (int i = 0; i < e.n; i++) {
            if (e.signatures[i].equals(signature)) {
                return;
            }
        }
        if (e.n < MAX_PER_CHANNEL) {
            e.signatures[e.n++] = signature;
        }
    }

    /** What is known of the channel from {@code src} to {@code destination}. */
    public synchronized Channel of(String src, String destination) {
        Entry e = channels.get(src + "|" + destination);
        if (e == null) {
            return Channel.NONE;
        }
        String rare = null;
        for (int i = 0; i < e.n && rare == null; i++) {
            if (destination.equals(destinations.get(e.signatures[i]))) {
                rare = e.signatures[i];
            }
        }
        return new Channel(e.http, e.noHost, rare);
    }

    /** True when nothing was recorded. */
    public synchronized boolean isEmpty() {
        return channels.isEmpty();
    }
}
