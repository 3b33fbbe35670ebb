package org.beaconwatch.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerdictFileTest {
    @TempDir
    Path dir;

    @Test
    void readsAddressAndServerNameVerdicts() throws Exception {
        Path f = dir.resolve("verdicts.csv");
        Files.writeString(f, VerdictFile.HEADER + "\n"
                + "10.0.0.5,203.0.113.7,443,,benign,backup agent,ana,2026-11-29\n"
                + "10.0.0.9,,,Evil.Example.COM,malicious,\"C2, confirmed\",bo,2026-11-30\n");
        List<Verdict> v = VerdictFile.read(f);
        assertThat(v).hasSize(2);
        assertThat(v.get(0).kind()).isEqualTo(Verdict.Kind.BENIGN);
        assertThat(v.get(0).matches("10.0.0.5", "203.0.113.7", 443, "")).isTrue();
        assertThat(v.get(0).matches("10.0.0.5", "203.0.113.7", 80, "")).isFalse();
        assertThat(v.get(1).note()).isEqualTo("C2, confirmed");
        assertThat(v.get(1).matches("10.0.0.9", "", -1, "evil.example.com")).isTrue();
        assertThat(v.get(1).matches("10.0.0.8", "", -1, "evil.example.com")).isFalse();
    }

    @Test
    void badRowsNameFileLineAndReason() throws Exception {
        Path f = dir.resolve("v.csv");
        Files.writeString(f, VerdictFile.HEADER + "\n10.0.0.5,203.0.113.7,443,,fine,,,\n");
        assertThatThrownBy(() -> VerdictFile.read(f)).hasMessageContaining("v.csv").hasMessageContaining(":2")
                .hasMessageContaining("verdict must be benign, malicious or unsure");
        Files.writeString(f, "a,b\n1,2\n");
        assertThatThrownBy(() -> VerdictFile.read(f)).hasMessageContaining("no 'src' column");
        Files.writeString(f, VerdictFile.HEADER + "\n10.0.0.5,203.0.113.7,99999,,benign,,,\n");
        assertThatThrownBy(() -> VerdictFile.read(f)).hasMessageContaining("bad dst_port");
    }
}
