package org.beaconwatch.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds inputs with the same content (the same file named twice, a directory and a file inside it,
 * two copies under different names) so each content is read once and its connections are not
 * counted twice. Sizes are compared first; only files of equal size are hashed (SHA-256 of the
 * stored bytes, so a gzip copy of a plain file is not recognised), and the same file reached twice
 * is recognised without hashing.
 */
final class InputDuplicates {
    private InputDuplicates() {
    }

    /**
     * Returns the files to read, in order, each content once; adds a report with a note for every
     * file left out.
     */
    static List<FlowInputs.InputFile> readOnce(List<FlowInputs.InputFile> files, List<FileReport> notes)
            throws IOException {
        if (files.size() < 2) {
            return files;
        }
        Map<Long, List<Integer>> bySize = new HashMap<>();
        long[] size = new long[files.size()];
        for (int i = 0; i < files.size(); i++) {
            size[i] = size(files.get(i));
            bySize.computeIfAbsent(size[i], k -> new ArrayList<>()).add(i);
        }
        boolean[] drop = new boolean[files.size()];
        String[] sameAs = new String[files.size()];
        for (List<Integer> group : bySize.values()) {
            if (group.size() < 2) {
                continue;
            }
            Map<String, Integer> firstByPath = new HashMap<>();
            List<Integer> distinct = new ArrayList<>();
            for (int i : group) {
                FlowInputs.InputFile f = files.get(i);
                Integer first = firstByPath.putIfAbsent(f.path().toRealPath() + "!/" + f.entry(), i);
                if (first != null) {
                    drop[i] = true;
                    sameAs[i] = files.get(first).name();
                } else {
                    distinct.add(i);
                }
            }
            if (distinct.size() < 2) {
                continue;
            }
            Map<String, Integer> firstByDigest = new HashMap<>();
            for (int i : distinct) {
                Integer first = firstByDigest.putIfAbsent(digest(files.get(i)), i);
                if (first != null) {
                    drop[i] = true;
                    sameAs[i] = files.get(first).name();
                }
            }
        }
        List<FlowInputs.InputFile> out = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            FlowInputs.InputFile f = files.get(i);
            if (drop[i]) {
                String note = f.name().equals(sameAs[i]) ? "named more than once: read once"
                        : "same content as " + sameAs[i] + ": read once";
                notes.add(new FileReport(f.name(), f.format(), 0, 0, List.of(), false, List.of(note)));
            } else {
                out.add(f);
            }
        }
        return out;
    }

    private static long size(FlowInputs.InputFile f) throws IOException {
        if (f.entry() == null) {
            return Files.size(f.path());
        }
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(f.path().toFile())) {
            java.util.zip.ZipEntry e = z.getEntry(f.entry());
            return e == null ? -1 : e.getSize();
        }
    }

    /** SHA-256 of the stored bytes (of the file, or of the zip entry after unzipping). */
    private static String digest(FlowInputs.InputFile f) throws IOException {
        if (f.entry() == null) {
            return "sha256:" + FileDigest.sha256(f.path());
        }
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
        byte[] buf = new byte[1 << 16];
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(f.path().toFile());
             InputStream in = z.getInputStream(z.getEntry(f.entry()))) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return "sha256:" + java.util.HexFormat.of().formatHex(md.digest());
    }
}
