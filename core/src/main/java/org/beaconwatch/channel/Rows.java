package org.beaconwatch.channel;

/**
 * The kept flows' columns, in arrival order until {@link #permute} puts them in channel order;
 * optional columns made when first needed.
 */
final class Rows {
    final Ints channel = new Ints(-1);
    Longs ts = new Longs(0), orig = new Longs(0), resp = new Longs(0), dur = new Longs(0); // let go by permute
    Ints labelCol, detailedCol, srcPortCol, namePort;
    Longs nameHi, nameLo;
    long size;

    void append(int ch, long t, long ob, long rb, long d, int label, int detailed, int sport, boolean named,
                long nHi, long nLo, int nPort) {
        long r = size++;
        channel.set(r, ch);
        ts.set(r, t);
        orig.set(r, ob);
        resp.set(r, rb);
        dur.set(r, d);
        if ((label >= 0 || detailed >= 0) && labelCol == null) {
            labelCol = new Ints(-1);
            detailedCol = new Ints(-1);
        }
        if (labelCol != null) {
            labelCol.set(r, label);
            detailedCol.set(r, detailed);
        }
        if (sport >= 0 && srcPortCol == null) {
            srcPortCol = new Ints(-1);
        }
        if (srcPortCol != null) {
            srcPortCol.set(r, sport);
        }
        if (named) {
            if (nameHi == null) {
                nameHi = new Longs(0);
                nameLo = new Longs(0);
                namePort = new Ints(-1);
            }
            nameHi.set(r, nHi);
            nameLo.set(r, nLo);
            namePort.set(r, nPort);
        }
    }

    int label(long r) {
        return labelCol == null ? -1 : labelCol.get(r);
    }

    int detailed(long r) {
        return detailedCol == null ? -1 : detailedCol.get(r);
    }

    int srcPort(long r) {
        return srcPortCol == null ? -1 : srcPortCol.get(r);
    }

    /**
     * These rows in the order given (row {@code ord[k]} becomes row k), without the channel column;
     * built column by column, each old column let go as soon as its copy is made, so that at most
     * two columns are held twice (the four main columns on two threads when {@code twoThreads}).
     */
    Rows permute(int[] ord, boolean twoThreads) {
        Rows p = new Rows();
        p.size = ord.length;
        java.util.concurrent.FutureTask<Void> half = new java.util.concurrent.FutureTask<>(() -> {
            p.ts = ts.permute(ord);
            ts = null;
            p.orig = orig.permute(ord);
            orig = null;
            return null;
        });
        Thread t = null;
        if (twoThreads) {
            t = new Thread(half, "beaconwatch-channel-order");
            t.setDaemon(true);
            t.start();
        }
        try {
            p.resp = resp.permute(ord);
            resp = null;
            p.dur = dur.permute(ord);
            dur = null;
        } finally {
            if (t != null) {
                org.beaconwatch.io.WorkerFailure.joinUninterruptibly(t);
            }
        }
        if (t == null) {
            half.run();
        }
        org.beaconwatch.io.WorkerFailure.result(half, "putting flows in channel order");
        p.labelCol = labelCol == null ? null : labelCol.permute(ord);
        p.detailedCol = detailedCol == null ? null : detailedCol.permute(ord);
        p.srcPortCol = srcPortCol == null ? null : srcPortCol.permute(ord);
        p.nameHi = nameHi == null ? null : nameHi.permute(ord);
        p.nameLo = nameLo == null ? null : nameLo.permute(ord);
        p.namePort = namePort == null ? null : namePort.permute(ord);
        return p;
    }

    /** Frees what holds only rows before {@code r} (see {@link Longs#releaseBefore}). */
    void releaseBefore(long r) {
        for (Longs l : new Longs[] {ts, orig, resp, dur, nameHi, nameLo}) {
            if (l != null) {
                l.releaseBefore(r);
            }
        }
        for (Ints i : new Ints[] {labelCol, detailedCol, srcPortCol, namePort}) {
            if (i != null) {
                i.releaseBefore(r);
            }
        }
    }

    /**
     * Bytes a row takes in memory at most: 36 for a plain Zeek log, up to 76 with every optional
     * column (a chunk of 64-bit values kept as 32-bit differences, the usual case, takes half).
     */
    long bytesPerRow() {
        return 36L + (labelCol != null ? 8 : 0) + (srcPortCol != null ? 4 : 0) + (nameHi != null ? 20 : 0);
    }
}
