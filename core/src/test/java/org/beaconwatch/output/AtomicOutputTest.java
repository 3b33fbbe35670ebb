package org.beaconwatch.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTest {
    @TempDir
    Path dir;

    @Test
    void failurePartWayLeavesThePreviousFileAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("findings.csv");
        Files.writeString(target, "old complete content\n");
        assertThatThrownBy(() -> AtomicOutput.write(target, out -> {
            out.write("half of the new ".getBytes(StandardCharsets.UTF_8));
            throw new IOException("No space left on device");
        })).isInstanceOf(IOException.class)
                .hasMessageContaining(target.toString())
                .hasMessageContaining("No space left on device");
        assertThat(Files.readString(target)).isEqualTo("old complete content\n");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void aStreamedOutputThatIsNotCommittedLeavesThePreviousFile() throws IOException {
        Path target = dir.resolve("conn.log");
        Files.writeString(target, "old log\n");
        try (AtomicOutput.Staged s = AtomicOutput.begin(target)) {
            s.stream().write("#fields\tts\n1.0\n".getBytes(StandardCharsets.UTF_8));
            // the run fails here: no commit
        }
        assertThat(Files.readString(target)).isEqualTo("old log\n");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
        try (AtomicOutput.Staged s = AtomicOutput.begin(target)) {
            s.stream().write("new log\n".getBytes(StandardCharsets.UTF_8));
            s.commit();
        }
        assertThat(Files.readString(target)).isEqualTo("new log\n");
    }

    @Test
    void aDeviceIsWrittenStraightThroughNotReplaced() throws IOException {
        Path dev = Path.of("/dev/null");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(dev), "no /dev/null here; skipped");
        AtomicOutput.writeString(dev, "findings\n");
        assertThat(Files.isRegularFile(dev)).isFalse();
    }

    @Test
    void writesAndReplaces() throws IOException {
        Path target = dir.resolve("a/b/out.txt");
        AtomicOutput.writeString(target, "one");
        AtomicOutput.writeString(target, "two");
        assertThat(Files.readString(target)).isEqualTo("two");
    }

    @Test
    void aRegularFileInThePathIsNamed() throws IOException {
        Path file = dir.resolve("plain");
        Files.writeString(file, "x");
        assertThatThrownBy(() -> AtomicOutput.prepare(file.resolve("out.csv")))
                .hasMessageContaining("cannot write")
                .hasMessageContaining(file + " is a file, not a folder");
    }

    @Test
    void aFolderAsTargetIsRefused() {
        assertThatThrownBy(() -> AtomicOutput.prepare(dir)).hasMessageContaining("it is a folder");
    }

    @Test
    void terminalTextReplacesEscapesAndBidiControls() {
        assertThat(TerminalText.clean("evil\u001b]0;pwned\u0007\u001b[2J.com\u202e"))
                .isEqualTo("evil?]0;pwned??[2J.com?");
        assertThat(TerminalText.clean("plain.example.com")).isEqualTo("plain.example.com");
    }

    @Test
    void outputsGetThePermissionsOfAPlainNewFileOrOfTheFileTheyReplace() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"),
                "not a POSIX file system");
        Path plain = dir.resolve("plain.txt");
        Files.writeString(plain, "x");
        Path made = dir.resolve("made.txt");
        AtomicOutput.writeString(made, "y");
        assertThat(Files.getPosixFilePermissions(made)).isEqualTo(Files.getPosixFilePermissions(plain));
        Files.setPosixFilePermissions(made, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        AtomicOutput.writeString(made, "z");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(made)))
                .isEqualTo("rw-r-----");
    }
}
