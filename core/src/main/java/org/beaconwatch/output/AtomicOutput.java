package org.beaconwatch.output;

import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes an output file atomically: the bytes go to a temporary file in the target's own folder,
 * which is moved over the target only when everything was written and flushed to disk. A run that
 * fails part-way (disk full, an exception, Ctrl-C) leaves the previous file untouched and removes
 * its temporary file; the exception names the target path.
 *
 * <p>{@link #prepare(Path)} checks, before any expensive work, that the target can be written:
 * it creates missing parent folders, refuses a target that is a folder, and creates and deletes a
 * probe file there. Every command that writes files calls it first, so a run never fails after
 * hours of work because the output folder is read-only.
 */
public final class AtomicOutput {

    /** Writes the whole content of one output file. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicOutput() {
    }

    /**
     * Makes sure {@code target} can be written: creates its missing parent folders and checks that
     * a file can be created there. Leaves an existing target as it is.
     *
     * @throws IOException with a one-line message naming the path and the reason
     */
    public static void prepare(Path target) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            throw new IOException("cannot write " + target + ": it is a folder");
        }
        if (special(abs)) {
            if (!Files.isWritable(abs)) {
                throw new NamedFailure("cannot write " + target + ": permission denied", null);
            }
            return;
        }
        Path parent = createFolder(abs.getParent(), target);
        if (parent == null) {
            return;
        }
        Path probe;
        try {
            probe = Files.createTempFile(parent, ".beaconwatch-probe-", ".tmp");
        } catch (IOException e) {
            throw failure(target, e);
        }
        Files.deleteIfExists(probe);
    }

    /**
     * Makes sure {@code dir} exists (creating it and its parents) and that files can be created in it.
     *
     * @throws IOException with a one-line message naming the path and the reason
     */
    public static void prepareFolder(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        createFolder(abs, dir);
        try {
            Path probe = Files.createTempFile(abs, ".beaconwatch-probe-", ".tmp");
            Files.deleteIfExists(probe);
        } catch (IOException e) {
            throw failure(dir, e);
        }
    }

    /** Writes {@code target} atomically with the bytes {@code body} produces. */
    public static void write(Path target, Body body) throws IOException {
        try (Staged staged = begin(target)) {
            try {
                body.writeTo(staged.stream());
            } catch (NamedFailure e) {
                throw e;
            } catch (IOException e) {
                throw failure(target, e);
            }
            staged.commit();
        }
    }

    /**
     * Starts writing {@code target} through a temporary file beside it, for outputs streamed over
     * a long run (simulated logs): write to {@link Staged#stream()}, then {@link Staged#commit()}.
     * Closing without committing removes the temporary file and leaves the target untouched.
     * Write failures on the stream name the target.
     */
    public static Staged begin(Path target) throws IOException {
        prepare(target);
        Path abs = target.toAbsolutePath().normalize();
        if (special(abs)) { // /dev/stdout, a named pipe: nothing to replace, write straight through
            try {
                return new Staged(target, abs, null, Files.newOutputStream(abs));
            } catch (IOException e) {
                throw failure(target, e);
            }
        }
        Path tmp;
        try {
            tmp = createTemporary(abs);
        } catch (IOException e) {
            throw failure(target, e);
        }
        OutputStream raw;
        try {
            raw = Files.newOutputStream(tmp);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw failure(target, e);
        }
        return new Staged(target, abs, tmp, raw);
    }

    /**
     * A new empty hidden file beside {@code abs}. Unlike {@code Files.createTempFile} (owner-only
     * permissions), it gets the permissions a plain new file gets (the user's umask), or those of the
     * file it will replace, so an atomically written output is as readable as a directly written one.
     */
    static Path createTemporary(Path abs) throws IOException {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; ; attempt++) {
            Path tmp = abs.resolveSibling("." + abs.getFileName() + "." + Long.toUnsignedString(r.nextLong(), 36)
                    + ".tmp");
            try {
                Files.createFile(tmp);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt < 100) {
                    continue;
                }
                throw e;
            }
            if (Files.exists(abs)) {
                try {
                    Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(abs));
                } catch (UnsupportedOperationException | IOException ignored) {
                    // not a POSIX file system, or not ours to change: the umask permissions stay
                }
            }
            return tmp;
        }
    }

    /** An output being written to a temporary file; see {@link #begin(Path)}. */
    public static final class Staged implements Closeable {
        private final Path target;
        private final Path abs;
        private final Path tmp;
        private final OutputStream raw;
        private final OutputStream named;
        private boolean streamClosed;
        private boolean committed;

        private Staged(Path target, Path abs, Path tmp, OutputStream raw) {
            this.target = target;
            this.abs = abs;
            this.tmp = tmp;
            this.raw = raw;
            this.named = new FilterOutputStream(raw) {
                @Override
                public void write(int b) throws IOException {
                    try {
                        raw.write(b);
                    } catch (IOException e) {
                        throw failure(Staged.this.target, e);
                    }
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    try {
                        raw.write(b, off, len);
                    } catch (IOException e) {
                        throw failure(Staged.this.target, e);
                    }
                }

                @Override
                public void flush() throws IOException {
                    try {
                        raw.flush();
                    } catch (IOException e) {
                        throw failure(Staged.this.target, e);
                    }
                }

                @Override
                public void close() {
                    // closed by commit() or Staged.close(), never by the writer
                }
            };
        }

        /** The target as the caller named it. */
        public Path target() {
            return target;
        }

        /** Where to write the content; closing it does nothing (commit or close the Staged instead). */
        public OutputStream stream() {
            return named;
        }

        /** Flushes, closes and moves the temporary file over the target. */
        public void commit() throws IOException {
            if (committed) {
                return;
            }
            try {
                streamClosed = true;
                raw.close();
            } catch (IOException e) {
                throw failure(target, e);
            }
            if (tmp != null) {
                move(tmp, abs, target);
            }
            committed = true;
        }

        /** Discards the temporary file unless committed. */
        @Override
        public void close() {
            if (committed) {
                return;
            }
            if (!streamClosed) {
                streamClosed = true;
                try {
                    raw.close();
                } catch (IOException ignored) {
                    // the content is being discarded anyway
                }
            }
            try {
                if (tmp != null) {
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException ignored) {
                // best effort: the temporary file is hidden and named after the target
            }
        }
    }

    /** An existing target that is not a regular file (a device such as /dev/stdout, a named pipe). */
    private static boolean special(Path abs) {
        return Files.exists(abs) && !Files.isRegularFile(abs) && !Files.isDirectory(abs);
    }

    /** Writes a UTF-8 text file atomically. */
    public static void writeString(Path target, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(target, out -> out.write(bytes));
    }

    private static void move(Path tmp, Path abs, Path target) throws IOException {
        try {
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e2) {
                throw failure(target, e2);
            }
        } catch (IOException e) {
            throw failure(target, e);
        }
    }

    private static Path createFolder(Path folder, Path shownAs) throws IOException {
        if (folder == null) {
            return null;
        }
        // Walk up to the first existing ancestor so the message can name a regular file in the way.
        for (Path p = folder; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new IOException("cannot write " + shownAs + ": " + p + " is a file, not a folder");
                }
                break;
            }
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw failure(shownAs, e);
        }
        return folder;
    }

    /** One-line message naming the target and the reason, whatever the JDK exception says. */
    static IOException failure(Path target, IOException e) {
        String reason;
        if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof NoSuchFileException) {
            reason = "folder does not exist";
        } else if (e instanceof NotDirectoryException || e instanceof FileAlreadyExistsException) {
            reason = "a file is in the way of a folder";
        } else if (e instanceof FileSystemException fse && fse.getReason() != null) {
            reason = fse.getReason();
        } else {
            reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        if (e instanceof NamedFailure) {
            return e;
        }
        return new NamedFailure("cannot write " + target + ": " + reason
                + " (any previous file there is unchanged)", e);
    }

    /** A failure whose message already names the target. */
    private static final class NamedFailure extends IOException {
        private static final long serialVersionUID = 1L;

        NamedFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
