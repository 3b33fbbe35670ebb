package org.beaconwatch.channel;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Flows over the memory budget: one compressed file per partition of channels (channel
 * c in partition c mod n), rows appended in arrival order ({@link SpillFiles}: a private
 * temporary folder removed at the end, on failure and by a shutdown hook).
 */
final class Spill {
    final SpillFiles files;
    long rowsWritten;

    Spill(Path parent, int partitions) throws IOException {
        files = new SpillFiles(parent, "beaconwatch-spill-", partitions);
    }

    int partitions() {
        return files.partitions();
    }

    void write(Rows rows) throws IOException {
        synchronized (files) {
            int mask = files.partitions() - 1;
            boolean named = rows.nameHi != null;
            for (long r = 0; r < rows.size; r++) {
                int ch = rows.channel.get(r);
                int p = ch & mask;
                java.io.DataOutputStream o = files.out(p);
                o.writeInt(ch);
                o.writeLong(rows.ts.get(r));
                o.writeLong(rows.orig.get(r));
                o.writeLong(rows.resp.get(r));
                o.writeLong(rows.dur.get(r));
                o.writeInt(rows.label(r));
                o.writeInt(rows.detailed(r));
                o.writeInt(rows.srcPort(r));
                o.writeBoolean(named);
                if (named) {
                    o.writeLong(rows.nameHi.get(r));
                    o.writeLong(rows.nameLo.get(r));
                    o.writeInt(rows.namePort.get(r));
                }
                files.rowWritten(p);
                rowsWritten++;
            }
        }
    }

    void finishWriting() throws IOException {
        files.finishWriting();
    }

    Rows read(int p) throws IOException {
        Rows rows = new Rows();
        long n = files.count(p);
        if (n == 0) {
            return rows;
        }
        try (java.io.DataInputStream in = files.in(p)) {
            for (long k = 0; k < n; k++) {
                int ch = in.readInt();
                long t = in.readLong(), ob = in.readLong(), rb = in.readLong(), d = in.readLong();
                int label = in.readInt(), detailed = in.readInt(), sport = in.readInt();
                boolean named = in.readBoolean();
                long nHi = 0, nLo = 0;
                int nPort = 0;
                if (named) {
                    nHi = in.readLong();
                    nLo = in.readLong();
                    nPort = in.readInt();
                }
                rows.append(ch, t, ob, rb, d, label, detailed, sport, named, nHi, nLo, nPort);
            }
        }
        return rows;
    }

    void delete() {
        files.delete();
    }
}
