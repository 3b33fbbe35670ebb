package org.beaconwatch.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
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
public final class InputDuplicates {
    private InputDuplicates() {
    }

    /** One input as the duplicate search sees it (a local file, a zip entry, a Hadoop file). */
    public interface Candidate {
        /** The name used in messages. */
        String name();

        /** Size of the stored bytes, -1 when unknown. */
        long size() throws IOException;

        /** The same input reached twice has the same identity (e.g. its real path). */
        String identity() throws IOException;

        /** A digest of the stored bytes (only asked for inputs of equal size). */
        String digest() throws IOException;
    }

    /**
     * For each input, the name of an earlier one with the same identity or the same bytes, or null
     * for the first of its content. Sizes are compared first; only inputs of equal size are hashed.
     */
    public static String[] sameAs(List<? extends Candidate> inputs) throws IOException {
        String[] sameAs = new String[inputs.size()];
        if (inputs.size() < 2) {
            return sameAs;
        }
        Map<Long, List<Integer>> bySize = new java.util.LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            bySize.computeIfAbsent(inputs.get(i).size(), k -> new ArrayList<>()).add(i);
        }
        for (List<Integer> group : bySize.values()) {
            if (group.size() < 2) {
                continue;
            }
            Map<String, Integer> firstByIdentity = new HashMap<>();
            List<Integer> distinct = new ArrayList<>();
            for (int i : group) {
                Integer first = firstByIdentity.putIfAbsent(inputs.get(i).identity(), i);
                if (first != null) {
                    sameAs[i] = inputs.get(first).name();
                } else {
                    distinct.add(i);
                }
            }
            if (distinct.size() < 2) {
                continue;
            }
            Map<String, Integer> firstByDigest = new HashMap<>();
            for (int i : distinct) {
                Integer first = firstByDigest.putIfAbsent(inputs.get(i).digest(), i);
                if (first != null) {
                    sameAs[i] = inputs.get(first).name();
                }
            }
        }
        return sameAs;
    }

    /** The note of an input left out because its content was read already. */
    public static String note(String name, String sameAs) {
        return name.equals(sameAs) ? "named more than once: read once" : "same content as " + sameAs + ": read once";
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
        List<Candidate> candidates = new ArrayList<>(files.size());
        for (FlowInputs.InputFile f : files) {
            candidates.add(new Candidate() {
                @Override
                public String name() {
                    return f.name();
                }

                @Override
                public long size() throws IOException {
                    return InputDuplicates.size(f);
                }

                @Override
                public String identity() throws IOException {
                    return f.path().toRealPath() + "!/" + f.entry();
                }

                @Override
                public String digest() throws IOException {
                    return InputDuplicates.digest(f);
                }
            });
        }
        String[] sameAs = sameAs(candidates);
        List<FlowInputs.InputFile> out = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            FlowInputs.InputFile f = files.get(i);
            if (sameAs[i] != null) {
                notes.add(new FileReport(f.name(), f.format(), 0, 0, List.of(), false,
                        List.of(note(f.name(), sameAs[i]))));
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
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(f.path().toFile());
             InputStream in = z.getInputStream(z.getEntry(f.entry()))) {
            return "sha256:" + FileDigest.sha256(in);
        }
    }
}
