package org.beaconwatch.ml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.common.xgboost.protos.XGBoostModelProto;
import org.tribuo.protos.core.ModelProto;

/**
 * Crafted model files: each is refused with one line naming the file, quickly, without running
 * anything the file names and without Java deserialisation.
 */
class ModelFileSafetyTest {
    static final AtomicBoolean CANARY_INITIALISED = new AtomicBoolean();
    static final String CANARY = "org.beaconwatch.ml.model.Canary";
    /** Counts every Java deserialisation in this JVM that has no filter of its own. */
    static final AtomicInteger DESERIALISATIONS = new AtomicInteger();
    static final Duration BOUND = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @BeforeAll
    static void countDeserialisation() {
        ObjectInputFilter previous = ObjectInputFilter.Config.getSerialFilter();
        ObjectInputFilter.Config.setSerialFilter(info -> {
            if (info.depth() == 1 && info.serialClass() != null) {
                DESERIALISATIONS.incrementAndGet();
            }
            return previous == null ? ObjectInputFilter.Status.UNDECIDED : previous.checkInput(info);
        });
    }

    /** Loads a file within the time bound; returns the IOException it must throw. */
    IOException refused(Path file) {
        IOException[] out = new IOException[1];
        assertTimeoutPreemptively(BOUND, () -> {
            try {
                TrainedModel.load(file);
            } catch (IOException e) {
                out[0] = e;
            }
        });
        assertThat(out[0]).as("loading " + file + " must fail").isNotNull();
        assertThat(out[0].getMessage()).doesNotContain("\n").contains(file.toString());
        return out[0];
    }

    Path file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void oldFormatWithAUrlDnsPayloadIsRefusedWithoutDeserialising() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        URLStreamHandler counting = new URLStreamHandler() {
            @Override
            protected URLConnection openConnection(URL u) {
                throw new UnsupportedOperationException();
            }

            @Override
            protected synchronized java.net.InetAddress getHostAddress(URL u) {
                lookups.incrementAndGet();
                return null;
            }
        };
        // the URLDNS shape: a HashMap keyed by a URL, whose hashCode resolves the host when the map is rebuilt
        @SuppressWarnings("URLEqualsHashCode") // the point: a URL key whose hashCode would resolve its host
        HashMap<URL, String> gadget = new HashMap<>();
        gadget.put(new URL(null, "http://beaconwatch-canary.invalid/", counting), "x");
        ByteArrayOutputStream ser = new ByteArrayOutputStream();
        try (ObjectOutputStream oos = new ObjectOutputStream(ser)) {
            oos.writeObject(gadget);
        }
        int lookupsBefore = lookups.get();
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        entries.put("provenance.json", "{\"formatVersion\":1}".getBytes(StandardCharsets.UTF_8));
        entries.put("model.ser", ser.toByteArray());
        Path f = file("old.bwm", ModelFiles.zip(entries));
        int before = DESERIALISATIONS.get();

        IOException e = refused(f);

        assertThat(e).hasMessage(f + ": written by an older Beaconwatch (Java serialisation, no longer read for safety);"
                + " retrain the model with `beaconwatch train`");
        assertThat(DESERIALISATIONS.get()).as("Java deserialisations while loading").isEqualTo(before);
        assertThat(lookups.get()).isEqualTo(lookupsBefore);
        // the counter sees a deserialisation when one happens (a harmless one here), so the check above can fail
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialised(new ArrayList<>(
                List.of("harmless")))))) {
            in.readObject();
        }
        assertThat(DESERIALISATIONS.get()).isGreaterThan(before);
    }

    private static byte[] serialised(Object o) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream oos = new ObjectOutputStream(b)) {
            oos.writeObject(o);
        }
        return b.toByteArray();
    }

    @Test
    void aClassifierNamingAClassOutsideTheAllowlistNeverInitialisesIt() throws Exception {
        byte[] base = ModelFiles.small(ModelKind.GBT);
        ModelProto real = ModelProto.parseFrom(ModelFiles.entries(base).get("classifier.pb"));

        // named at the top
        Path top = file("top.bwm", ModelFiles.with(base, "classifier.pb",
                real.toBuilder().setClassName(CANARY).build().toByteArray()));
        assertThat(refused(top)).hasMessage(top + ": classifier names class '" + CANARY
                + "', which a Beaconwatch model never uses");
        // named inside an Any payload (the output converter of the XGBoost model)
        XGBoostModelProto x = real.getSerializedData().unpack(XGBoostModelProto.class);
        XGBoostModelProto evil = x.toBuilder().setConverter(x.getConverter().toBuilder().setClassName(CANARY)).build();
        Path nested = file("nested.bwm", ModelFiles.with(base, "classifier.pb",
                real.toBuilder().setSerializedData(Any.pack(evil)).build().toByteArray()));
        assertThat(refused(nested).getMessage()).contains("names class '" + CANARY + "'");
        // named in the provenance, where OLCUT would instantiate it
        Path runtime = file("runtime.bwm", ModelFiles.with(base, "classifier.pb", real.toBuilder()
                .setSerializedData(Any.pack(x.toBuilder().setMetadata(x.getMetadata().toBuilder().setProvenance(
                        x.getMetadata().getProvenance().toBuilder().setOmp(0, x.getMetadata().getProvenance().getOmp(0)
                                .toBuilder().setObjectClassName("java.lang.Runtime")))).build()))
                .build().toByteArray()));
        assertThat(refused(runtime).getMessage()).contains("names class 'java.lang.Runtime'");
        // an Any of a type that is not Tribuo's
        Path foreign = file("foreign.bwm", ModelFiles.with(base, "classifier.pb", real.toBuilder()
                .setSerializedData(Any.newBuilder().setTypeUrl("type.googleapis.com/google.protobuf.Struct")
                        .setValue(ByteString.EMPTY)).build().toByteArray()));
        assertThat(refused(foreign).getMessage()).contains("unexpected message type 'type.googleapis.com/google.protobuf.Struct'");

        assertThat(CANARY_INITIALISED).as("the named class was initialised").isFalse();
        // and the canary works: initialising the class sets the flag
        Class.forName(CANARY, true, getClass().getClassLoader());
        assertThat(CANARY_INITIALISED).isTrue();
        CANARY_INITIALISED.set(false);
    }

    @Test
    void hugeDeclaredLengthsAreRefusedBeforeAllocation() throws Exception {
        byte[] base = ModelFiles.small(ModelKind.GBT);
        // protobuf: field 3 (serialized_data) declaring 2 GiB
        byte[] proto = {0x1a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07};
        Path pb = file("pb.bwm", ModelFiles.with(base, "classifier.pb", proto));
        assertThat(refused(pb).getMessage()).startsWith(pb + ": damaged classifier (");
        // zip: a stored entry whose header declares 4 GiB
        Path declared = file("declared.bwm", storedEntryDeclaring("model.json", 0xFFFFFFF0L, "{}"));
        assertThat(refused(declared).getMessage()).isEqualTo(declared + ": entry model.json declares 4294967280 bytes,"
                + " more than the " + ModelFile.MAX_JSON_BYTES + " a model file may hold");
    }

    /** A zip with one stored entry whose local header claims {@code size} bytes. */
    private static byte[] storedEntryDeclaring(String name, long size, String content) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        byte[] c = content.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(c);
        ByteBuffer b = ByteBuffer.allocate(30 + n.length + c.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                .putShort((short) 0).putInt((int) crc.getValue()).putInt((int) size).putInt((int) size)
                .putShort((short) n.length).putShort((short) 0).put(n).put(c);
        return b.array();
    }

    @Test
    void aZipBombEntryStopsAtTheSizeCap() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry("provenance.json"));
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < (ModelFile.MAX_JSON_BYTES >> 20) + 8; i++) {
                z.write(spaces);
            }
            z.closeEntry();
        }
        assertThat(bytes.size()).isLessThan(1 << 20);
        Path f = file("bomb.bwm", bytes.toByteArray());
        assertThat(refused(f)).hasMessage(f + ": entry provenance.json is larger than the " + ModelFile.MAX_JSON_BYTES
                + " bytes a model file may hold");
    }

    @Test
    void deepJsonLongStringsAndUnexpectedEntriesAreRefused() throws Exception {
        byte[] base = ModelFiles.small(ModelKind.IFOREST);
        // provenance.json's "learned" is free-form JSON: the one place deep nesting could reach
        String deep = "{\"learned\":{\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}}";
        Path nested = file("deep.bwm", ModelFiles.with(base, "provenance.json", deep.getBytes(StandardCharsets.UTF_8)));
        assertThat(refused(nested).getMessage()).startsWith(nested + ": damaged model file (").contains("nesting depth");
        String longString = "{\"negativeClass\":\"" + "a".repeat(ModelFile.MAX_JSON_STRING + 1) + "\"}";
        Path lng = file("long.bwm", ModelFiles.with(base, "model.json", longString.getBytes(StandardCharsets.UTF_8)));
        assertThat(refused(lng).getMessage()).contains("String value length");
        String real = new String(ModelFiles.entries(base).get("model.json"), StandardCharsets.UTF_8);
        Path typed = file("typed.bwm", ModelFiles.with(base, "model.json",
                real.replaceFirst("\\{", "{\"@class\":\"java.lang.Runtime\",").getBytes(StandardCharsets.UTF_8)));
        assertThat(refused(typed).getMessage()).startsWith(typed + ": damaged model file (").contains("\"@class\"");
        Path extra = file("extra.bwm", ModelFiles.with(base, "../../evil.sh", new byte[] {1}));
        assertThat(refused(extra)).hasMessage(extra + ": not a model file (unexpected entry '../../evil.sh')");
        Map<String, byte[]> noProv = ModelFiles.entries(base);
        noProv.remove("provenance.json");
        Path np = file("noprov.bwm", ModelFiles.zip(noProv));
        assertThat(refused(np)).hasMessage(np + ": not a model file (no provenance.json)");
    }

    @Test
    void truncatedRandomEmptyMissingAndFolderInputsGetOneLine() throws Exception {
        byte[] base = ModelFiles.small(ModelKind.RF);
        int directory = centralDirectory(base); // cutting the directory alone leaves every entry intact
        for (int cut : new int[] {1, 4, 30, directory / 3, directory / 2, directory - 40, directory - 1}) {
            Path f = file("cut" + cut + ".bwm", java.util.Arrays.copyOf(base, cut));
            assertThat(refused(f).getMessage()).startsWith(f + ": ");
        }
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < 20; i++) {
            byte[] b = new byte[1 + rnd.nextInt(4096)];
            for (int j = 0; j < b.length; j++) {
                b[j] = (byte) rnd.nextInt(256);
            }
            if (i % 2 == 0 && b.length >= 4) { // half of them look like a zip at first sight
                b[0] = 'P';
                b[1] = 'K';
                b[2] = 3;
                b[3] = 4;
            }
            Path f = file("random" + i + ".bwm", b);
            assertThat(refused(f).getMessage()).startsWith(f + ": not a model file");
        }
        Path hello = file("m.bwm", "hello\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(refused(hello)).hasMessage(hello + ": not a model file");
        Path empty = file("empty.bwm", new byte[0]);
        assertThat(refused(empty)).hasMessage(empty + ": not a model file (empty file)");
        Path missing = dir.resolve("missing.bwm");
        assertThat(refused(missing)).hasMessage("no such file: " + missing);
        Path folder = Files.createDirectory(dir.resolve("folder.bwm"));
        assertThat(refused(folder)).hasMessage(folder + ": is a folder, not a model file");
    }

    /** Offset of the zip's central directory, from the end record (our files have no comment). */
    private static int centralDirectory(byte[] zip) {
        return ByteBuffer.wrap(zip, zip.length - 22 + 16, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    @Test
    void theModelFileHoldsNoJavaSerialisation() throws Exception {
        for (ModelKind k : ModelKind.values()) {
            Map<String, byte[]> e = ModelFiles.entries(ModelFiles.small(k));
            assertThat(e.keySet()).isSubsetOf("provenance.json", "model.json", "classifier.pb")
                    .contains("provenance.json", "model.json");
            for (byte[] b : e.values()) {
                // Java serialisation streams start with AC ED
                assertThat(b.length >= 2 && b[0] == (byte) 0xAC && b[1] == (byte) 0xED).isFalse();
            }
        }
        assertThatThrownBy(() -> TrainedModel.load(dir.resolve("none.bwm"))).isInstanceOf(IOException.class);
    }
}
