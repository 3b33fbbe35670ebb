package org.beaconwatch.live;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The checkpoint's binary encoding: big-endian primitives, strings as a length and UTF-8 bytes
 * (-1 for null). The reader checks every count and length against the bytes left before it
 * allocates anything, so a damaged or hostile file ends in a one-line {@link IOException}, never
 * in a huge allocation; nothing is instantiated from class names.
 */
final class StateFile {
    private StateFile() {
    }

    /** Writer over a growing byte array. */
    static final class Out {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        private final DataOutputStream out = new DataOutputStream(bytes);

        Out i32(int v) throws IOException {
            out.writeInt(v);
            return this;
        }

        Out i64(long v) throws IOException {
            out.writeLong(v);
            return this;
        }

        Out f64(double v) throws IOException {
            out.writeDouble(v);
            return this;
        }

        Out u8(int v) throws IOException {
            out.writeByte(v);
            return this;
        }

        Out str(String s) throws IOException {
            if (s == null) {
                out.writeInt(-1);
            } else {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                out.writeInt(b.length);
                out.write(b);
            }
            return this;
        }

        Out bytes(byte[] b) throws IOException {
            out.writeInt(b.length);
            out.write(b);
            return this;
        }

        byte[] toByteArray() throws IOException {
            out.flush();
            return bytes.toByteArray();
        }
    }

    /** Reader with size checks. */
    static final class In {
        private final ByteBuffer b;
        private final String name;

        In(byte[] data, String name) {
            this.b = ByteBuffer.wrap(data);
            this.name = name;
        }

        private void need(long n) throws IOException {
            if (n < 0 || n > b.remaining()) {
                throw new IOException(name + ": damaged state file (needs " + n + " more bytes at offset "
                        + b.position() + ", " + b.remaining() + " left)");
            }
        }

        int i32() throws IOException {
            need(4);
            return b.getInt();
        }

        long i64() throws IOException {
            need(8);
            return b.getLong();
        }

        double f64() throws IOException {
            need(8);
            return b.getDouble();
        }

        int u8() throws IOException {
            need(1);
            return b.get() & 0xff;
        }

        /** A count of elements of at least {@code minBytes} each, checked against the bytes left. */
        int count(int minBytes) throws IOException {
            int n = i32();
            need((long) n * minBytes);
            return n;
        }

        String str() throws IOException {
            int n = i32();
            if (n == -1) {
                return null;
            }
            need(n);
            String s = new String(b.array(), b.position(), n, StandardCharsets.UTF_8);
            b.position(b.position() + n);
            return s;
        }

        byte[] bytes() throws IOException {
            int n = i32();
            need(n);
            byte[] a = new byte[n];
            b.get(a);
            return a;
        }

        boolean atEnd() {
            return !b.hasRemaining();
        }
    }
}
