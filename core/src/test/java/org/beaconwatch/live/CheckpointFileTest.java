package org.beaconwatch.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint reads back as written; a damaged, foreign or newer file is refused with a one-line reason. */
class CheckpointFileTest {

    @Test
    void readsBackWhatWasWritten(@TempDir Path tmp) throws IOException {
        Path state = tmp.resolve("state");
        CheckpointFile.write(state, CheckpointFile.body().str("/logs").i64(42));
        StateFile.In in = CheckpointFile.read(state.resolve("checkpoint.bin"));
        assertThat(in.str()).isEqualTo("/logs");
        assertThat(in.i64()).isEqualTo(42);
        assertThat(in.atEnd()).isTrue();
    }

    @Test
    void refusesDamagedForeignAndNewerFiles(@TempDir Path tmp) throws IOException {
        CheckpointFile.write(tmp, CheckpointFile.body().i64(42));
        Path file = tmp.resolve("checkpoint.bin");
        byte[] good = Files.readAllBytes(file);

        byte[] flipped = good.clone();
        flipped[flipped.length - 6] ^= 1; // inside the body
        Files.write(file, flipped);
        assertThatThrownBy(() -> CheckpointFile.read(file))
                .hasMessage(file + ": damaged checkpoint (checksum mismatch)");

        Files.write(file, "not a checkpoint at all".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> CheckpointFile.read(file))
                .hasMessage(file + ": not a Beaconwatch watch checkpoint");

        StateFile.Out newer = new StateFile.Out().i32(99).i64(42);
        CheckpointFile.write(tmp, newer);
        assertThatThrownBy(() -> CheckpointFile.read(file))
                .hasMessage(file + ": checkpoint version 99 is not supported");

        ByteBuffer version = ByteBuffer.wrap(good, 8, 4);
        assertThat(version.getInt()).as("the version follows the magic").isEqualTo(2);
    }
}
