package org.beaconwatch.ml.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.beaconwatch.ml.features.FittedFeatures;
import org.beaconwatch.ml.features.FittedFeaturesJson;
import org.beaconwatch.output.AtomicOutput;

/**
 * The model file: a zip of three entries, none of which can make the reader instantiate a class
 * the file chooses.
 *
 * <ul>
 *   <li>{@code provenance.json}: where the model came from ({@link ModelProvenance}), for people and
 *   for the loader (threshold, feature names, label handling).</li>
 *   <li>{@code model.json}: our own parts -- fitted feature encoders, the anomaly detector's rows and
 *   seed, the classes -- as plain records ({@link Parts}); no polymorphic or default typing.</li>
 *   <li>{@code classifier.pb} (gbt, rf): the Tribuo model in Tribuo's protobuf form, read only after
 *   every class name in it passed {@link TribuoProtos}.</li>
 * </ul>
 *
 * <p>Reading is bounded before anything is allocated from the file's say-so: the file size, the
 * number of entries, each entry's declared and actual size (read through a bounded stream, the
 * header is not trusted), JSON nesting, string and number lengths, and the protobuf size and depth.
 * Every failure is an {@link IOException} with one line naming the file and the reason. Files of
 * format 1 (Java serialisation, {@code model.ser}) are refused without reading their content.
 */
final class ModelFile {
    /** Current format: 2 = JSON + Tribuo protobuf (1 was Java serialisation). */
    static final int FORMAT_VERSION = 2;
    static final String PROVENANCE = "provenance.json";
    static final String PARTS = "model.json";
    static final String CLASSIFIER = "classifier.pb";
    static final String OLD_FORMAT = "model.ser";
    static final List<String> ENTRIES = List.of(PROVENANCE, PARTS, CLASSIFIER);

    /** Largest model file read: a 60-tree forest on a million rows stays well under it. */
    static final long MAX_FILE_BYTES = 512L << 20;
    /** Largest uncompressed JSON entry (the anomaly detector keeps at most 4096 rows). */
    static final int MAX_JSON_BYTES = 128 << 20;
    /** Largest uncompressed classifier entry. */
    static final int MAX_CLASSIFIER_BYTES = 256 << 20;
    /** Entries read before giving up (we write three). */
    static final int MAX_ENTRIES = 8;
    /** JSON limits: nesting (we write about 8 levels), one string (a category value), one number, one name. */
    static final int MAX_JSON_DEPTH = 32;
    static final int MAX_JSON_STRING = 1 << 20;
    static final int MAX_JSON_NUMBER = 64;
    static final int MAX_JSON_NAME = 64 << 10;

    static final ObjectMapper WRITER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final ObjectMapper READER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_JSON_DEPTH)
                            .maxStringLength(MAX_JSON_STRING)
                            .maxNumberLength(MAX_JSON_NUMBER)
                            .maxNameLength(MAX_JSON_NAME)
                            .maxDocumentLength(MAX_JSON_BYTES)
                            .build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * Our parts of a model, as written to {@code model.json}.
     *
     * @param formatVersion {@link #FORMAT_VERSION}
     * @param negativeClass the class the model calls harmless
     * @param features      fitted feature encoders
     * @param anomaly       the anomaly detector's parts
     * @param classes       classes of the classifier (null for the Isolation Forest alone)
     * @param calibration   calibration of the supervised probability (null in files written before it: none)
     */
    record Parts(int formatVersion, String negativeClass, FittedFeaturesJson.Features features,
                 AnomalyDetector.Parts anomaly, List<String> classes, Calibration calibration) {
    }

    private ModelFile() {
    }

    static void save(TrainedModel m, Path file) throws IOException {
        byte[] provenance = WRITER.writeValueAsBytes(m.provenance());
        Classifier c = m.classifier();
        byte[] parts = WRITER.writeValueAsBytes(new Parts(FORMAT_VERSION, m.negativeClass(),
                FittedFeaturesJson.of(m.features()), m.anomaly().parts(), c == null ? null : c.classes(),
                m.calibration()));
        byte[] classifier = c == null ? null : c.protoBytes();
        AtomicOutput.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            put(zip, PROVENANCE, provenance);
            put(zip, PARTS, parts);
            if (classifier != null) {
                put(zip, CLASSIFIER, classifier);
            }
            zip.finish();
        });
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(0);
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }

    static TrainedModel load(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException("no such file: " + file);
        }
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a folder, not a model file");
        }
        if (!Files.isReadable(file)) {
            throw new IOException(file + ": permission denied");
        }
        long size = Files.size(file);
        if (size == 0) {
            throw notModel(file, "empty file");
        }
        if (size > MAX_FILE_BYTES) {
            throw notModel(file, "larger than " + (MAX_FILE_BYTES >> 20) + " MiB");
        }
        Map<String, byte[]> entries = entries(file);
        if (!entries.containsKey(PROVENANCE)) {
            throw notModel(file, "no " + PROVENANCE);
        }
        if (!entries.containsKey(PARTS)) {
            throw notModel(file, "no " + PARTS);
        }
        try {
            ModelProvenance prov = READER.readValue(entries.get(PROVENANCE), ModelProvenance.class);
            Parts parts = READER.readValue(entries.get(PARTS), Parts.class);
            if (parts.formatVersion() != FORMAT_VERSION || prov.formatVersion() != FORMAT_VERSION) {
                throw new IOException(file + ": model format " + parts.formatVersion() + ", this version reads "
                        + FORMAT_VERSION + "; retrain the model with `beaconwatch train`");
            }
            return build(file, prov, parts, entries.get(CLASSIFIER));
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": damaged model file (" + oneLine(e.getOriginalMessage()) + ")", e);
        }
    }

    private static TrainedModel build(Path file, ModelProvenance prov, Parts parts, byte[] classifierBytes)
            throws IOException {
        try {
            if (prov.featureNames() == null || prov.label() == null || parts.negativeClass() == null) {
                throw new IllegalArgumentException("provenance lacks feature names or label handling");
            }
            FittedFeatures features = FittedFeaturesJson.from(parts.features());
            if (!features.names().equals(prov.featureNames())) {
                throw new IllegalArgumentException("feature encoders and provenance disagree on the features");
            }
            AnomalyDetector anomaly = AnomalyDetector.of(parts.anomaly(), features.names().size());
            Classifier classifier = null;
            if (parts.classes() != null) {
                if (classifierBytes == null) {
                    throw new IllegalArgumentException("no " + CLASSIFIER + " for the classes " + parts.classes());
                }
                var proto = TribuoProtos.parseChecked(classifierBytes);
                classifier = Classifier.of(proto, List.copyOf(parts.classes()), features.names());
            } else if (classifierBytes != null) {
                throw new IllegalArgumentException(CLASSIFIER + " without classes");
            }
            Calibration cal = parts.calibration();
            if (cal != null && (cal.method() == null || !(cal.method().equals("none") || cal.method().equals("platt"))
                    || !(cal.slope() > 0) || !Double.isFinite(cal.slope()) || !Double.isFinite(cal.intercept()))) {
                throw new IllegalArgumentException("calibration is not a known increasing map");
            }
            return new TrainedModel(prov, features, classifier, anomaly, parts.negativeClass(), cal);
        } catch (IOException e) {
            throw new IOException(file + ": " + oneLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            // Tribuo and our own checks report a damaged model as runtime exceptions of several kinds
            throw new IOException(file + ": damaged model file (" + oneLine(String.valueOf(e.getMessage())) + ")", e);
        }
    }

    /** The entries of the zip, each read through a bounded stream; unexpected names are refused. */
    private static Map<String, byte[]> entries(Path file) throws IOException {
        Map<String, byte[]> out = new HashMap<>();
        try (InputStream is = Files.newInputStream(file)) {
            byte[] magic = is.readNBytes(4);
            if (magic.length < 4 || magic[0] != 'P' || magic[1] != 'K' || magic[2] != 3 || magic[3] != 4) {
                throw notModel(file, null);
            }
        }
        try (InputStream is = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(is)) {
            ZipEntry e;
            int n = 0;
            while ((e = zip.getNextEntry()) != null) {
                String name = e.getName();
                if (name.equals(OLD_FORMAT)) {
                    throw new Refused(file + ": written by an older Beaconwatch (Java serialisation, no longer read"
                            + " for safety); retrain the model with `beaconwatch train`");
                }
                if (++n > MAX_ENTRIES) {
                    throw notModel(file, "more than " + MAX_ENTRIES + " entries");
                }
                if (!ENTRIES.contains(name)) {
                    throw notModel(file, "unexpected entry '" + TribuoProtos.shorten(name) + "'");
                }
                if (out.containsKey(name)) {
                    throw notModel(file, "entry " + name + " appears twice");
                }
                int cap = name.equals(CLASSIFIER) ? MAX_CLASSIFIER_BYTES : MAX_JSON_BYTES;
                if (e.getSize() > cap) {
                    throw new Refused(file + ": entry " + name + " declares " + e.getSize() + " bytes, more than "
                            + "the " + cap + " a model file may hold");
                }
                out.put(name, readBounded(zip, cap, file, name));
            }
        } catch (Refused e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            // ZipInputStream reports an entry name that is not valid UTF-8 as IllegalArgumentException
            throw notModel(file, "damaged zip: " + oneLine(String.valueOf(e.getMessage())));
        }
        if (out.isEmpty()) {
            throw notModel(file, "no entries");
        }
        return out;
    }

    private static byte[] readBounded(InputStream in, int cap, Path file, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(cap, 1 << 16));
        byte[] buf = new byte[1 << 16];
        long total = 0;
        int r;
        while ((r = in.read(buf)) > 0) {
            total += r;
            if (total > cap) {
                throw new Refused(file + ": entry " + name + " is larger than the " + cap
                        + " bytes a model file may hold");
            }
            out.write(buf, 0, r);
        }
        return out.toByteArray();
    }

    /** A refusal whose message is already complete (names the file). */
    private static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private static IOException notModel(Path file, String reason) {
        return new Refused(file + ": not a model file" + (reason == null ? "" : " (" + reason + ")"));
    }

    /** First line of a message, cut to a readable length. */
    static String oneLine(String s) {
        if (s == null) {
            return "unknown reason";
        }
        int nl = s.indexOf('\n');
        String l = nl < 0 ? s : s.substring(0, nl);
        l = l.strip();
        return TribuoProtos.shorten(l.length() > 200 ? l.substring(0, 200) + "..." : l);
    }
}
