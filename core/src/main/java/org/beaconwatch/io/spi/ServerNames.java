package org.beaconwatch.io.spi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.flow.NameSource;

/**
 * uid -> server name from Zeek companion logs. When several logs name the same connection, an
 * HTTP CONNECT target wins (it is the real destination behind a proxy), then the TLS SNI, then the
 * HTTP Host header; among equals the first seen stays.
 *
 * <p>Memory: a primitive open-addressing table keyed by the uid's 128-bit {@link UidHash} (two
 * long words, the same the readers put in {@code FlowBatch.uidHi/uidLo}), an int name id and a byte source per slot; names are interned (a capture has
 * few distinct server names). About 21 bytes per uid at most 3/4 load, against ~250 bytes for a
 * {@code HashMap<String, Entry>} (bench/detect-e2e.sh: 1.35M ssl rows, peak RSS 2.0 GB -> see the
 * commit message). A false match needs two different uids with equal 128-bit hashes.
 */
public final class ServerNames {
    private long[] keyHi = new long[1024];
    private long[] keyLo = new long[1024];
    private int[] nameId = new int[1024];
    private byte[] source = new byte[1024];
    private int size;
    private final HashMap<String, Integer> ids = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    /** How strongly a source names a connection: the higher wins (CONNECT, then SNI, then Host). */
    public static int rank(NameSource s) {
        return switch (s) {
            case HTTP_CONNECT -> 3;
            case TLS_SNI -> 2;
            case HTTP_HOST -> 1;
            default -> 0;
        };
    }

    /** Records a name for a connection uid. */
    public void put(String uid, String name, NameSource source) {
        if (uid == null || name == null || name.isEmpty()) {
            return;
        }
        long[] h = new long[2];
        UidHash.of(uid, h);
        put(h[0], h[1], name, source);
    }

    /**
     * Records a name for a connection uid given as bytes [p, q) of a; same as {@link #put(String,
     * String, NameSource)} with the uid decoded as UTF-8 when those bytes are ASCII (callers decode
     * other uids themselves).
     */
    public void put(byte[] a, int p, int q, String name, NameSource source) {
        if (name == null || name.isEmpty()) {
            return;
        }
        long[] h = new long[2];
        UidHash.of(a, p, q, h);
        put(h[0], h[1], name, source);
    }

    private void put(long hi, long lo, String name, NameSource src) {
        if (hi == 0 && lo == 0) {
            lo = 1;
        }
        if ((size + 1) * 4L > keyHi.length * 3L) {
            grow();
        }
        int mask = keyHi.length - 1;
        int slot = (int) (lo ^ (lo >>> 32)) & mask;
        while (true) {
            if (keyHi[slot] == 0 && keyLo[slot] == 0) {
                keyHi[slot] = hi;
                keyLo[slot] = lo;
                nameId[slot] = id(name);
                source[slot] = src.code();
                size++;
                return;
            }
            if (keyHi[slot] == hi && keyLo[slot] == lo) {
                if (rank(src) > rank(NameSource.ofCode(source[slot]))) {
                    nameId[slot] = id(name);
                    source[slot] = src.code();
                }
                return;
            }
            slot = (slot + 1) & mask;
        }
    }

    private int id(String name) {
        Integer id = ids.get(name);
        if (id == null) {
            id = names.size();
            ids.put(name, id);
            names.add(name);
        }
        return id;
    }

    private int find(long hi, long lo) {
        if (hi == 0 && lo == 0) {
            lo = 1;
        }
        int mask = keyHi.length - 1;
        int slot = (int) (lo ^ (lo >>> 32)) & mask;
        while (true) {
            if (keyHi[slot] == hi && keyLo[slot] == lo) {
                return slot;
            }
            if (keyHi[slot] == 0 && keyLo[slot] == 0) {
                return -1;
            }
            slot = (slot + 1) & mask;
        }
    }

    private void grow() {
        long[] oh = keyHi, ol = keyLo;
        int[] on = nameId;
        byte[] os = source;
        int cap = oh.length * 2;
        keyHi = new long[cap];
        keyLo = new long[cap];
        nameId = new int[cap];
        source = new byte[cap];
        int mask = cap - 1;
        for (int i = 0; i < oh.length; i++) {
            if (oh[i] != 0 || ol[i] != 0) {
                int slot = (int) (ol[i] ^ (ol[i] >>> 32)) & mask;
                while (keyHi[slot] != 0 || keyLo[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                keyHi[slot] = oh[i];
                keyLo[slot] = ol[i];
                nameId[slot] = on[i];
                source[slot] = os[i];
            }
        }
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int size() {
        return size;
    }

    /**
     * Sets serverName/nameSource of rows [from, to) of the batch whose uid is known: by the uid's
     * hash columns, or by its text where a reader gave only that.
     */
    public void join(FlowBatch b, int from, int to) {
        if (size == 0) {
            return;
        }
        long[] h = new long[2];
        final long[] uh = b.uidHi, ul = b.uidLo;
        for (int i = from; i < to; i++) {
            if (b.serverName[i] != null) {
                continue;
            }
            long hi = uh[i], lo = ul[i];
            if ((hi | lo) == 0) {
                String uid = b.uid[i];
                if (uid == null) {
                    continue;
                }
                UidHash.of(uid, h);
                hi = h[0];
                lo = h[1];
            }
            int slot = find(hi, lo);
            if (slot >= 0) {
                b.serverName[i] = names.get(nameId[slot]);
                b.nameSource[i] = NameSource.ofCode(source[slot]).code();
            }
        }
    }

    /** One recorded name, for engines that join by uid elsewhere (the Spark job). */
    public interface Entry {
        void accept(long hi, long lo, String name, NameSource source);
    }

    /** Every recorded uid (as its 128-bit hash, see {@link #uidHash}) with its winning name. */
    public void forEach(Entry e) {
        for (int i = 0; i < keyHi.length; i++) {
            if (keyHi[i] != 0 || keyLo[i] != 0) {
                e.accept(keyHi[i], keyLo[i], names.get(nameId[i]), NameSource.ofCode(source[i]));
            }
        }
    }

    /** The 128-bit hash this table keys a uid by, into h[0], h[1] (as {@link #forEach} reports keys). */
    public static void uidHash(String uid, long[] h) {
        UidHash.of(uid, h);
    }
}
