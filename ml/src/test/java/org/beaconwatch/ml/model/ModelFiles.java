package org.beaconwatch.ml.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Small trained model files and zip surgery for the model file tests. */
final class ModelFiles {
    private static final Map<ModelKind, byte[]> CACHE = new java.util.EnumMap<>(ModelKind.class);

    private ModelFiles() {
    }

    /** The bytes of a small model of this kind (trained once per test run, seed 42). */
    static synchronized byte[] small(ModelKind kind) throws IOException {
        byte[] b = CACHE.get(kind);
        if (b == null) {
            TrainedModel m = ModelTrainer.train(TrainedModelTest.events(11), TrainedModelTest.options().withKind(kind)
                    .withTrees(5, 2), java.util.List.of()).model();
            Path tmp = Files.createTempFile("bw-small", ".bwm");
            try {
                m.save(tmp);
                b = Files.readAllBytes(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
            CACHE.put(kind, b);
        }
        return b;
    }

    /** Entries of a zip, in order. */
    static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                out.put(e.getName(), z.readAllBytes());
            }
        }
        return out;
    }

    /** A zip of these entries. */
    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            for (var e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** {@code base}'s entries with one replaced (or added). */
    static byte[] with(byte[] base, String name, byte[] content) throws IOException {
        Map<String, byte[]> e = entries(base);
        e.put(name, content);
        return zip(e);
    }
}
