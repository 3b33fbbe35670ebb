package org.beaconwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code beaconwatch} launcher script, run by bash in a copy of the repository layout whose
 * {@code mvnw} is a stub: it counts its calls, sleeps, then copies the real CLI jar of this build into
 * place (or fails with a compiler-like error when STUB_FAIL is set). Checks what a user would see:
 * concurrent runs build once and both work, a failed build's log is kept and named, and stdout
 * carries only the command's output whatever the state of the class-data sharing archive and
 * whatever JVM options the user adds.
 */
class LauncherIT {
    private static final String STUB_MVNW = """
            #!/usr/bin/env bash
            here="$(cd "$(dirname "$0")" && pwd)"
            echo "$$" >>"$here/mvnw-calls"
            sleep "${STUB_SLEEP:-1}"
            if [ -n "${STUB_FAIL:-}" ]; then
              echo "[ERROR] $here/cli/src/main/java/Changed.java:[3,1] class, interface, enum, or record expected"
              exit 1
            fi
            mkdir -p "$here/cli/target"
            cp "$STUB_JAR" "$here/cli/target/beaconwatch-cli.jar"
            """;
    private static final String CSV_HEADER = "rank,score,severity,alert,type,src,dst,";

    @TempDir
    static Path shared;
    static Path realJar;
    static Path sim;

    @TempDir
    Path repo;

    @BeforeAll
    static void prerequisites() throws Exception {
        Assumptions.assumeFalse(System.getProperty("os.name", "").startsWith("Windows"), "launcher tests need a Unix shell");
        boolean bash;
        try {
            bash = new ProcessBuilder("bash", "-c", "true").start().waitFor() == 0;
        } catch (IOException e) {
            bash = false;
        }
        Assumptions.assumeTrue(bash, "bash not found: the launcher tests are skipped");
        realJar = Path.of(System.getProperty("beaconwatch.cli.jar", "target/beaconwatch-cli.jar"));
        Assumptions.assumeTrue(Files.isRegularFile(realJar), "no CLI jar at " + realJar + " (run ./mvnw verify)");
        sim = shared.resolve("sim");
        Run r = run(shared, List.of(java(), "-jar", realJar.toString(), "simulate", "--rows", "3000", "--seed", "7",
                "--out", sim.toString()), Map.of());
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @BeforeEach
    void layOutRepository() throws IOException {
        Path launcher = Path.of(System.getProperty("beaconwatch.launcher", "../beaconwatch"));
        Files.copy(launcher, repo.resolve("beaconwatch"));
        Files.createDirectories(repo.resolve("dist"));
        Files.copy(launcher.resolveSibling("dist").resolve("jvm.options"), repo.resolve("dist/jvm.options"));
        Files.copy(launcher.resolveSibling("dist").resolve("jit.sh"), repo.resolve("dist/jit.sh"));
        Files.writeString(repo.resolve("mvnw"), STUB_MVNW);
        for (String s : List.of("beaconwatch", "mvnw")) {
            Files.setPosixFilePermissions(repo.resolve(s), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.writeString(repo.resolve("pom.xml"), "<project/>\n");
        for (String m : List.of("core", "ml", "report", "cli")) {
            Path src = Files.createDirectories(repo.resolve(m).resolve("src/main/java"));
            Files.writeString(src.resolve(m + ".java"), "class " + m + " {}\n");
        }
    }

    record Run(int exitCode, String out, String err) {
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static Run run(Path dir, List<String> cmd, Map<String, String> env) throws Exception {
        return new Started(dir, cmd, env).await();
    }

    /** A started process with its output files. */
    static final class Started {
        final Process process;
        final Path out;
        final Path err;

        Started(Path dir, List<String> cmd, Map<String, String> env) throws IOException {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
            Map<String, String> e = pb.environment();
            e.keySet().removeIf(k -> k.startsWith("BEACONWATCH_") || k.startsWith("_BEACONWATCH_")
                    || k.equals("JAVA_TOOL_OPTIONS") || k.equals("_JAVA_OPTIONS") || k.startsWith("STUB_"));
            e.put("JAVA_HOME", System.getProperty("java.home"));
            if (realJar != null) {
                e.put("STUB_JAR", realJar.toAbsolutePath().toString());
            }
            e.putAll(env);
            long id = System.nanoTime();
            out = shared.resolve("out-" + id);
            err = shared.resolve("err-" + id);
            process = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        }

        Run await() throws Exception {
            // Generous: training an AOT cache takes three JVM runs, slow on a busy machine.
            if (!process.waitFor(300, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("no exit within 300 s; stderr: " + Files.readString(err));
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        }
    }

    Started launch(Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("bash", repo.resolve("beaconwatch").toString()));
        cmd.addAll(List.of(args));
        return new Started(repo, cmd, env);
    }

    Run launcher(Map<String, String> env, String... args) throws Exception {
        return launch(env, args).await();
    }

    int buildCount() throws IOException {
        Path calls = repo.resolve("mvnw-calls");
        return Files.exists(calls) ? Files.readAllLines(calls).size() : 0;
    }

    /** A jar from an older build and a source file changed since. */
    void sourcesChangedSinceTheLastBuild() throws IOException {
        Path jar = Files.createDirectories(repo.resolve("cli/target")).resolve("beaconwatch-cli.jar");
        Files.copy(realJar, jar, StandardCopyOption.REPLACE_EXISTING);
        long now = System.currentTimeMillis();
        assertThat(jar.toFile().setLastModified(now - 120_000)).isTrue();
        Path changed = repo.resolve("core/src/main/java/core.java");
        Files.writeString(changed, "class core { int changed; }\n");
        assertThat(changed.toFile().setLastModified(now - 60_000)).isTrue();
    }

    List<Path> archives() throws IOException {
        return targetFiles(".jsa");
    }

    List<Path> targetFiles(String suffix) throws IOException {
        try (Stream<Path> s = Files.list(repo.resolve("cli/target"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    /** A JDK 24 or newer under /usr/lib/jvm (one with the ahead-of-time cache), or null. */
    static Path aotJdk() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        try (Stream<Path> s = Files.list(jvms)) {
            return s.filter(p -> Files.isExecutable(p.resolve("bin/java")) && featureRelease(p) >= 24).sorted().findFirst().orElse(null);
        }
    }

    static int featureRelease(Path jdk) {
        try {
            Matcher m = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)").matcher(Files.readString(jdk.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static List<String> lines(String s) {
        return s.lines().toList();
    }

    @ParameterizedTest(name = "lock: {0}")
    @ValueSource(strings = {"flock", "mkdir"})
    void twoRunsAfterASourceChangeBuildOnceAndBothWork(String lock) throws Exception {
        sourcesChangedSinceTheLastBuild();
        Map<String, String> env = Map.of("STUB_SLEEP", "2", "_BEACONWATCH_LOCK", lock.equals("mkdir") ? "mkdir" : "");
        Started a = launch(env, "--version");
        Started b = launch(env, "--version");
        Run ra = a.await(), rb = b.await();
        for (Run r : List.of(ra, rb)) {
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(lines(r.out())).as(r.err()).hasSize(2).first(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                    .startsWith("beaconwatch 0.");
            assertThat(r.err()).doesNotContain("failed");
        }
        assertThat(buildCount()).isEqualTo(1);
        // Both wanted the class-data sharing archive: one trained it, one archive, no leftovers.
        assertThat(archives()).hasSize(1);
        try (Stream<Path> s = Files.list(repo.resolve("cli/target"))) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp") || n.startsWith("build-"));
        }
        assertThat(repo.resolve("cli/target/build.lock.d")).doesNotExist();
    }

    @Test
    void aLockLeftByARunThatDiedIsTakenOver() throws Exception {
        sourcesChangedSinceTheLastBuild();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path stale = Files.createDirectories(repo.resolve("cli/target/build.lock.d"));
        Files.writeString(stale.resolve("pid"), gone.pid() + "\n");
        Run r = launcher(Map.of("_BEACONWATCH_LOCK", "mkdir", "BEACONWATCH_CDS", "0"), "--version");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("beaconwatch 0.");
        assertThat(buildCount()).isEqualTo(1);
        assertThat(stale).doesNotExist();
    }

    @Test
    void aFailedBuildKeepsItsLogAndNamesIt() throws Exception {
        sourcesChangedSinceTheLastBuild();
        Map<String, String> env = Map.of("STUB_FAIL", "1", "STUB_SLEEP", "1", "BEACONWATCH_CDS", "0");
        Started a = launch(env, "--version");
        Started b = launch(env, "--version");
        List<Path> logs = new ArrayList<>();
        for (Run r : List.of(a.await(), b.await())) {
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
            Matcher m = Pattern.compile("build failed; see (\\S+)").matcher(r.err());
            assertThat(m.find()).as(r.err()).isTrue();
            Path log = Path.of(m.group(1));
            assertThat(log.getFileName().toString()).matches("build-\\d{8}-\\d{6}-\\d+\\.log");
            assertThat(log).exists().content().contains("class, interface, enum, or record expected");
            assertThat(r.err()).contains("Changed.java:[3,1]"); // the first errors are shown too
            logs.add(log);
        }
        // Each run built (the other's build failed) and kept its own log.
        assertThat(logs.get(0)).isNotEqualTo(logs.get(1));
        assertThat(buildCount()).isEqualTo(2);
    }

    @Test
    void afterTheJarIsRebuiltStdoutCarriesOnlyTheCsvEvenWithAStaleArchive() throws Exception {
        Run first = launcher(Map.of(), "--version");
        assertThat(first.exitCode()).as(first.err()).isZero();
        List<Path> before = archives();
        assertThat(before).hasSize(1);
        byte[] staleArchive = Files.readAllBytes(before.get(0));

        // Another build (./mvnw verify) replaces the jar; an archive under the old name and a
        // garbage one are lying around.
        Path jar = repo.resolve("cli/target/beaconwatch-cli.jar");
        Thread.sleep(1100); // the jar's modification time (whole seconds) changes
        Files.copy(realJar, jar, StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(repo.resolve("cli/target/beaconwatch-cli.jsa"), "garbage");
        Run r = launcher(Map.of(), "detect", sim.toString(), "--format", "csv");
        assertThat(r.exitCode()).as(r.err()).isIn(0, 3);
        assertThat(r.out()).startsWith(CSV_HEADER);
        assertThat(lines(r.out())).hasSizeGreaterThan(1).noneMatch(l -> l.startsWith("["));
        assertThat(buildCount()).isEqualTo(1); // the first run's build only: the new jar is newer than the sources
        List<Path> after = archives();
        assertThat(after).hasSize(1).doesNotContainAnyElementsOf(before);

        // The archive under the current name is stale (made for the old jar): the JVM warns, on stderr.
        Files.write(after.get(0), staleArchive);
        Run stale = launcher(Map.of(), "detect", sim.toString(), "--format", "csv");
        assertThat(stale.exitCode()).isEqualTo(r.exitCode());
        assertThat(stale.out()).isEqualTo(r.out());
        assertThat(stale.err()).contains("Unable to use shared archive");
    }

    @Test
    void jvmOptionsThatWarnOrLogDoNotReachStdout() throws Exception {
        Run first = launcher(Map.of(), "--version");
        assertThat(first.exitCode()).as(first.err()).isZero();
        Path stale = shared.resolve("stale-" + System.nanoTime() + ".jsa");
        Files.copy(archives().get(0), stale);
        Thread.sleep(1100);
        Files.copy(realJar, repo.resolve("cli/target/beaconwatch-cli.jar"), StandardCopyOption.REPLACE_EXISTING);

        Run plain = launcher(Map.of("BEACONWATCH_CDS", "0"), "detect", sim.toString(), "--format", "csv");
        String opts = "-Xmx512m -XX:+UseBiasedLocking -Xlog:gc -verbose:gc -verbose:class -XX:+PrintFlagsFinal "
                + "-Xlog:gc*::uptime -Xshare:auto -XX:SharedArchiveFile=" + stale;
        Run r = launcher(Map.of("BEACONWATCH_JAVA_OPTS", opts), "detect", sim.toString(), "--format", "csv");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(plain.exitCode());
        assertThat(r.out()).startsWith(CSV_HEADER).isEqualTo(plain.out());
        assertThat(r.err()).contains("UseBiasedLocking").contains("Using Parallel").contains("Unable to use shared archive")
                .contains("MaxHeapSize").containsPattern("NewRatio +=\\s*15\\s"); // dist/jvm.options reached the JVM

        // Only a user who names stdout gets JVM logging there.
        Run asked = launcher(Map.of("BEACONWATCH_JAVA_OPTS", "-Xlog:gc:stdout"), "--version");
        assertThat(asked.out()).contains("[gc]").contains("beaconwatch 0.");
    }

    @Test
    void smallInputsRunWithTheQuickCompilerAloneLargeOnesAndLongCommandsWithBoth() throws Exception {
        Map<String, String> flags = Map.of("BEACONWATCH_CDS", "0", "BEACONWATCH_JAVA_OPTS", "-XX:+PrintFlagsFinal");
        String quick = "TieredStopAtLevel +=\\s*1\\s";
        String both = "TieredStopAtLevel +=\\s*4\\s";
        Run small = launcher(flags, "detect", sim.toString(), "--format", "csv");
        assertThat(small.out()).startsWith(CSV_HEADER);
        assertThat(small.err()).containsPattern(quick);

        // Over the size limit (moved to 1 KiB here): both compilers, the same findings.
        Map<String, String> large = new java.util.HashMap<>(flags);
        large.put("_BEACONWATCH_QUICK_JIT_MAX_KIB", "1");
        Run big = launcher(large, "detect", sim.toString(), "--format", "csv");
        assertThat(big.err()).containsPattern(both);
        assertThat(big.out()).isEqualTo(small.out());

        // With a provenance record (--out, --html) every input is hashed too: a lower limit.
        Map<String, String> recorded = new java.util.HashMap<>(flags);
        recorded.put("_BEACONWATCH_QUICK_JIT_MAX_KIB_RECORDED", "1");
        Path csv = shared.resolve("findings-" + System.nanoTime() + ".csv");
        Run withRecord = launcher(recorded, "detect", sim.toString(), "--format", "csv", "--out", csv.toString());
        assertThat(withRecord.exitCode()).as(withRecord.err()).isIn(0, 3);
        assertThat(withRecord.err()).containsPattern(both);
        assertThat(Files.readString(csv)).isEqualTo(small.out());
        assertThat(launcher(recorded, "detect", sim.toString(), "--format", "csv").err()).containsPattern(quick);

        // A named link counts as the file it points to.
        Path link = shared.resolve("link-" + System.nanoTime() + ".log");
        Files.createSymbolicLink(link, sim.resolve("conn.log").toAbsolutePath());
        large.put("_BEACONWATCH_QUICK_JIT_MAX_KIB", "8");
        assertThat(launcher(large, "detect", link.toString(), "--format", "csv").err()).containsPattern(both);

        // A compressed file counts eight times its size.
        Path gz = shared.resolve("conn-" + System.nanoTime() + ".log.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(sim.resolve("conn.log")));
        }
        long kib = Files.size(gz) / 1024;
        large.put("_BEACONWATCH_QUICK_JIT_MAX_KIB", Long.toString(kib * 4));
        assertThat(launcher(large, "detect", gz.toString(), "--format", "csv").err()).containsPattern(both);
        large.put("_BEACONWATCH_QUICK_JIT_MAX_KIB", Long.toString(kib * 16));
        assertThat(launcher(large, "detect", gz.toString(), "--format", "csv").err()).containsPattern(quick);

        // The user decides: BEACONWATCH_JIT, or the JVM option itself (it comes last).
        Map<String, String> full = new java.util.HashMap<>(flags);
        full.put("BEACONWATCH_JIT", "full");
        assertThat(launcher(full, "detect", sim.toString(), "--format", "csv").err()).containsPattern(both);
        Map<String, String> own = Map.of("BEACONWATCH_CDS", "0", "BEACONWATCH_JAVA_OPTS",
                "-XX:+PrintFlagsFinal -XX:TieredStopAtLevel=4");
        assertThat(launcher(own, "detect", sim.toString(), "--format", "csv").err()).containsPattern(both);

        // Other commands keep both compilers (`watch` runs for days; `inspect` reads on one thread).
        assertThat(launcher(flags, "watch", "--help").err()).containsPattern(both);
        assertThat(launcher(flags, "inspect", sim.toString()).err()).containsPattern(both);
        assertThat(launcher(flags, "--version").err()).containsPattern(both);
    }

    @Test
    void aNewerJdkGetsAnAheadOfTimeCacheBesideTheArchiveOfJdk17AndARebuiltJarANewOne() throws Exception {
        Path jdk = aotJdk();
        Assumptions.assumeTrue(jdk != null, "no JDK 24+ under /usr/lib/jvm: the AOT cache test is skipped");
        Run on17 = launcher(Map.of(), "--version");
        assertThat(on17.exitCode()).as(on17.err()).isZero();
        Map<String, String> newer = Map.of("JAVA_HOME", jdk.toString());
        Run plain = launcher(Map.of("JAVA_HOME", jdk.toString(), "BEACONWATCH_CDS", "0"), "detect", sim.toString(), "--format", "csv");
        assertThat(plain.out()).startsWith(CSV_HEADER);

        // The first run on the newer JDK trains the cache (printing nothing) and runs with it.
        Run first = launcher(newer, "detect", sim.toString(), "--format", "csv");
        assertThat(first.exitCode()).as(first.err()).isEqualTo(plain.exitCode());
        assertThat(first.out()).isEqualTo(plain.out());
        assertThat(first.err()).isEqualTo(plain.err());
        List<Path> caches = targetFiles(".aot");
        assertThat(caches).hasSize(1);
        assertThat(archives()).hasSize(1); // JDK 17's archive for the same jar is kept
        try (Stream<Path> s = Files.list(repo.resolve("cli/target"))) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp") || n.contains("aotconf"));
        }
        Run used = launcher(Map.of("JAVA_HOME", jdk.toString(), "BEACONWATCH_JAVA_OPTS", "-verbose:class"),
                "detect", sim.toString(), "--format", "csv");
        assertThat(used.out()).isEqualTo(plain.out());
        assertThat(used.err()).contains("org.beaconwatch.cli.DetectCommand source: shared objects file");

        // A rebuilt jar never meets the old cache (that JVM would not notice and run the old classes).
        Thread.sleep(1100);
        Files.copy(realJar, repo.resolve("cli/target/beaconwatch-cli.jar"), StandardCopyOption.REPLACE_EXISTING);
        Run rebuilt = launcher(newer, "--version");
        assertThat(rebuilt.exitCode()).as(rebuilt.err()).isZero();
        assertThat(rebuilt.out()).startsWith("beaconwatch 0.");
        assertThat(targetFiles(".aot")).hasSize(1).doesNotContainAnyElementsOf(caches);
    }

    @Test
    void aCacheWhoseTrainingFailsOnlyMeansNoCache() throws Exception {
        // JDK 17 made to believe it has the AOT cache: its training fails (unknown JVM options).
        Map<String, String> env = Map.of("_BEACONWATCH_AOT_FROM", "17");
        assertThat(launcher(Map.of("BEACONWATCH_CDS", "0"), "--version").exitCode()).isZero(); // the (stub) build
        Run plain = launcher(Map.of("BEACONWATCH_CDS", "0"), "detect", sim.toString(), "--format", "csv");
        Run r = launcher(env, "detect", sim.toString(), "--format", "csv");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(plain.exitCode());
        assertThat(r.out()).isEqualTo(plain.out());
        assertThat(r.err()).isEqualTo(plain.err());
        try (Stream<Path> s = Files.list(repo.resolve("cli/target"))) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".aot") || n.endsWith(".jsa")
                    || n.endsWith(".tmp"));
        }
    }
}
