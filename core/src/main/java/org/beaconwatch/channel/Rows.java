package org.beaconwatch.channel;

/** The kept flows' columns, in arrival order; optional columns made when first needed. */
final class Rows {
    final Ints channel = new Ints(-1);
    final Longs ts = new Longs(0), orig = new Longs(0), resp = new Longs(0), dur = new Longs(0);
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

    /** Bytes a row takes in memory: 36 for a plain Zeek log, up to 76 with every optional column. */
    long bytesPerRow() {
        return 36L + (labelCol != null ? 8 : 0) + (srcPortCol != null ? 4 : 0) + (nameHi != null ? 20 : 0);
    }
}
