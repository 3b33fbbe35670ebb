package org.beaconwatch.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A followed file hands on complete lines only, with its header, and starts over after truncation. */
class TrackedFileTest {

    @Test
    void readsCompleteLinesWithHeaderAndRereadsATruncatedFile(@TempDir Path tmp) throws IOException {
        Path p = tmp.resolve("conn.log");
        Files.writeString(p, "#fields\tts\n1\n2", StandardCharsets.US_ASCII);
        List<String> read = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        TrackedFile tr = new TrackedFile();
        tr.path = p;
        tr.inode = FileIdentity.inode(p);
        tr.channel = FileChannel.open(p, StandardOpenOption.READ);
        try {
            TrackedFile.Lines out = (name, header, chunk) -> read.add(
                    new String(header, StandardCharsets.US_ASCII) + "|" + new String(chunk, StandardCharsets.US_ASCII));
            tr.drain(warnings::add, out);
            assertThat(read).containsExactly("|#fields\tts\n1\n"); // "2" has no end yet
            Files.writeString(p, "\n3\n", StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
            tr.drain(warnings::add, out);
            assertThat(read).last().isEqualTo("#fields\tts\n|2\n3\n");
            assertThat(warnings).isEmpty();

            Files.writeString(p, "#fields\tts\n9\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
            tr.drain(warnings::add, out);
            assertThat(warnings).singleElement().asString().contains("reading it again from the start");
            assertThat(read).last().isEqualTo("|#fields\tts\n9\n");
        } finally {
            tr.channel.close();
        }
    }
}
