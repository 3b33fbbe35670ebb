package org.beaconwatch.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Decompresses on a thread of its own, a few blocks ahead of the parser; a failure of the
 * decompressor (a truncated stream) surfaces at the same place in the data as it would inline.
 */
final class DecompressingStream extends InputStream {
    private static final int BLOCK = 1 << 18;
    private static final byte[] EOF = new byte[0];
    private final BlockingQueue<byte[]> blocks = new ArrayBlockingQueue<>(8);
    private final Thread thread;
    private volatile IOException failure;
    private byte[] cur = new byte[0];
    private int pos;
    private boolean done;

    DecompressingStream(InputStream in) {
        thread = new Thread(() -> {
            try {
                while (true) {
                    byte[] b = new byte[BLOCK];
                    int n = 0;
                    while (n < BLOCK) {
                        int r = in.read(b, n, BLOCK - n);
                        if (r < 0) {
                            break;
                        }
                        n += r;
                    }
                    if (n > 0) {
                        blocks.put(n == BLOCK ? b : java.util.Arrays.copyOf(b, n));
                    }
                    if (n < BLOCK) {
                        break;
                    }
                }
            } catch (IOException e) {
                failure = e;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                failure = new IOException(e.getMessage(), e);
            }
            try {
                blocks.put(EOF);
            } catch (InterruptedException ignored) {
                // closing
            }
        }, "beaconwatch-decompress");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (pos >= cur.length) {
            if (done) {
                return -1;
            }
            try {
                cur = blocks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while decompressing");
            }
            pos = 0;
            if (cur == EOF) {
                done = true;
                if (failure != null) {
                    throw failure;
                }
                return -1;
            }
        }
        int n = Math.min(len, cur.length - pos);
        System.arraycopy(cur, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
