package org.beaconwatch.io.spi;

import java.util.HashMap;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.flow.NameSource;

/**
 * uid -> server name from Zeek companion logs. When several logs name the same connection, an
 * HTTP CONNECT target wins (it is the real destination behind a proxy), then the TLS SNI, then the
 * HTTP Host header; among equals the first seen stays.
 */
public final class ServerNames {
    private final HashMap<String, Entry> byUid = new HashMap<>();

    private record Entry(String name, NameSource source) {
    }

    private static int rank(NameSource s) {
        switch (s) {
            case HTTP_CONNECT: return 3;
            case TLS_SNI: return 2;
            case HTTP_HOST: return 1;
            default: return 0;
        }
    }

    /** Records a name for a connection uid. */
    public void put(String uid, String name, NameSource source) {
        if (uid == null || name == null || name.isEmpty()) {
            return;
        }
        Entry old = byUid.get(uid);
        if (old == null || rank(source) > rank(old.source)) {
            byUid.put(uid, new Entry(name, source));
        }
    }

    public boolean isEmpty() {
        return byUid.isEmpty();
    }

    public int size() {
        return byUid.size();
    }

    /** Sets serverName/nameSource of rows [from, to) of the batch whose uid is known. */
    public void join(FlowBatch b, int from, int to) {
        if (byUid.isEmpty()) {
            return;
        }
        for (int i = from; i < to; i++) {
            String uid = b.uid[i];
            if (uid != null && b.serverName[i] == null) {
                Entry e = byUid.get(uid);
                if (e != null) {
                    b.serverName[i] = e.name;
                    b.nameSource[i] = e.source.code();
                }
            }
        }
    }
}
