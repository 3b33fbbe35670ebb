package org.beaconwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Black-box tests of train, evaluate and score on the shared data. */
class ModelCommandsTest {

    static Path data(String rel) {
        Path d = CliRunner.data();
        Assumptions.assumeTrue(d != null, "shared data folder (beaconwatch.data) absent: skipping");
        Path p = d.resolve(rel);
        Assumptions.assumeTrue(Files.exists(p), "shared data file " + p + " absent: skipping");
        return p;
    }

    @Test
    void trainThenScoreUnlabelledEventsIsReproducible(@TempDir Path dir) throws Exception {
        Path train = data("beacon-events-synthetic/beacon_events_train.csv");
        Path unlabelled = data("beacon-events-synthetic/beacon_events_eval_unlabeled.csv");
        String[] args = {"train", train.toString(), "--label", "label", "--split", "group:host_id", "--model", "gbt",
            "--out", dir.resolve("a.bwm").toString(), "--trees", "40", "--folds", "3", "--max-rows", "4000",
            "--baseline-feature", "inter_event_seconds", "--eval-json", dir.resolve("eval.json").toString(),
            "--eval-html", dir.resolve("eval.html").toString()};
        CliRunner.Result r = CliRunner.run(args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("PR-AUC:").contains("baseline:inter_event_seconds").contains("group:host_id")
                .contains("no group on both sides").contains("beacon_intervals_seconds");
        assertThat(Files.readString(dir.resolve("eval.json"))).contains("\"prAuc\"").contains("\"triage\"");
        assertThat(Files.readString(dir.resolve("eval.html"))).contains("data:image/png;base64,");

        assertThat(r.out()).contains("top features (");
        assertThat(Files.readString(dir.resolve("eval.json"))).contains("\"importance\"").contains("\"permutationMean\"");
        assertThat(Files.readString(dir.resolve("eval.html"))).contains("Feature importance");

        CliRunner.Result s = CliRunner.run("score", "--model", dir.resolve("a.bwm").toString(), unlabelled.toString(),
                "--out", dir.resolve("scores.csv").toString(), "--hosts", dir.resolve("hosts.csv").toString(),
                "--html", dir.resolve("triage.html").toString());
        assertThat(s.exitCode()).as(s.err()).isZero();
        assertThat(s.out()).contains("scored 5,000 rows").contains("top hosts (host_id)");
        List<String> hosts = Files.readAllLines(dir.resolve("hosts.csv"));
        assertThat(hosts.get(0)).isEqualTo("rank,host,host_score,expected_malicious,max_risk,alerts,rows,top_reasons");
        assertThat(hosts).hasSize(151);
        // the roll-up ranks: 150 hosts, (nearly) as many different scores, not 149 ties at 1.000
        assertThat(hosts.stream().skip(1).map(l -> l.split(",", -1)[2]).distinct().count()).isGreaterThan(140);
        String page = Files.readString(dir.resolve("triage.html"));
        assertThat(page).contains("Host triage").contains("Content-Security-Policy").contains("data:image/png;base64,")
                .contains("PR-AUC (chance)").contains(train.getFileName().toString()).doesNotContain("<script");
        List<String> lines = Files.readAllLines(dir.resolve("scores.csv"));
        assertThat(lines).hasSize(5001);
        assertThat(lines.get(0)).isEqualTo("row,input,event_id,ts,host_id,src,dst,dst_port,probability,anomaly,risk,"
                + "alert,predicted_class,reasons");
        assertThat(lines.stream().filter(l -> l.contains(",1,malicious,")).count()).isGreaterThan(100);
        assertThat(lines.stream().filter(l -> l.contains(",1,malicious,")))
                .as("every alert carries its reasons").allMatch(l -> l.matches(".*,1,malicious,.+=.+\\(\\+.*"));

        // same seed, same data: the same scores, byte for byte
        args[9] = dir.resolve("b.bwm").toString();
        assertThat(CliRunner.run(args).exitCode()).isZero();
        assertThat(CliRunner.run("score", "--model", args[9], unlabelled.toString(), "--out",
                dir.resolve("scores-b.csv").toString()).exitCode()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("scores-b.csv"))).isEqualTo(Files.readAllBytes(dir.resolve("scores.csv")));
    }

    @Test
    void predictAheadRunsOnTheSimulatedLanlFixture(@TempDir Path dir) throws Exception {
        Path fx = Path.of("..", "docs", "examples", "lanl-sim");
        Assumptions.assumeTrue(Files.isDirectory(fx), "fixture folder absent");
        CliRunner.Result r = CliRunner.run("train", "--predict-ahead", "1h", fx.resolve("auth.txt.gz").toString(),
                fx.resolve("redteam.txt.gz").toString(), "--out", dir.resolve("a.bwm").toString(), "--trees", "30",
                "--folds", "3");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("(pair, 1h window) examples");
        assertThat(r.out()).contains("baseline:pair_malicious_last_window").contains("gap 3600 s");
        // score the windows of the same files: one row per (pair, window), ranked by source computer
        CliRunner.Result s = CliRunner.run("score", "--model", dir.resolve("a.bwm").toString(),
                fx.resolve("auth.txt.gz").toString(), fx.resolve("redteam.txt.gz").toString(), "--out",
                dir.resolve("ahead.csv").toString());
        assertThat(s.exitCode()).as(s.err()).isZero();
        assertThat(s.out()).contains("scored 2,253 rows").contains("top hosts (src)");
        assertThat(Files.readAllLines(dir.resolve("ahead.csv")).get(0)).startsWith("row,input,ts,src,dst,");
        assertThat(CliRunner.run("train", "--predict-ahead", "soon", fx.resolve("auth.txt.gz").toString(), "--out",
                dir.resolve("b.bwm").toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void verdictsNeedChannelFeatures(@TempDir Path dir) throws Exception {
        Path train = data("beacon-events-synthetic/beacon_events_train.csv");
        Path v = Files.writeString(dir.resolve("v.csv"), """
                                                         src,dst,dst_port,server_name,verdict,note,analyst,date
                                                         10.0.0.1,10.0.0.2,443,,malicious,,,
                                                         """);
        CliRunner.Result r = CliRunner.run("train", train.toString(), "--verdicts", v.toString(), "--split",
                "group:host_id", "--out", dir.resolve("m.bwm").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--features channel");
    }

    @Test
    void randomSplitOfDataWithHostsIsRefusedAsAUsageError(@TempDir Path dir) {
        Path train = data("beacon-events-synthetic/beacon_events_train.csv");
        CliRunner.Result r = CliRunner.run("train", train.toString(), "--label", "label", "--split", "random", "--out",
                dir.resolve("m.bwm").toString(), "--max-rows", "500");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("refusing a random row split").contains("--allow-leaky-split")
                .contains("--split group:host_id");
        assertThat(Files.exists(dir.resolve("m.bwm"))).isFalse();
    }

    @Test
    void trainOnOneCaptureEvaluateOnAnotherAndRefuseForeignColumns(@TempDir Path dir) throws Exception {
        Path day1 = data("stratosphere-ctu50-benign-windows-zeek/008-ctu-normal-40-day1.conn.log.labeled");
        Path day2 = data("stratosphere-ctu50-benign-windows-zeek/010-ctu-normal-42-day2.conn.log.labeled");
        Path model = dir.resolve("day1.bwm");
        CliRunner.Result r = CliRunner.run("train", day1.toString(), "--label", "label", "--split", "group:src",
                "--model", "rf", "--trees", "30", "--folds", "3", "--out", model.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        CliRunner.Result e = CliRunner.run("evaluate", "--model", model.toString(), day2.toString(), "--json",
                dir.resolve("e.json").toString());
        assertThat(e.exitCode()).as(e.err()).isZero();
        assertThat(e.out()).contains("evaluated:  " + day2).contains("PR-AUC:").contains("confusion:");

        Path kdd = data("nsl-kdd/KDDTest+.txt");
        CliRunner.Result bad = CliRunner.run("score", "--model", model.toString(), kdd.toString(), "--out",
                dir.resolve("x.csv").toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("the model needs input column(s)").doesNotContain("Exception");
    }

    @Test
    void channelModelLearnsFromTheDetectionEngineAndScoresChannels(@TempDir Path dir) throws Exception {
        Path day1 = data("stratosphere-ctu50-benign-windows-zeek/008-ctu-normal-40-day1.conn.log.labeled");
        Path day2 = data("stratosphere-ctu50-benign-windows-zeek/010-ctu-normal-42-day2.conn.log.labeled");
        Path model = dir.resolve("channels.bwm");
        CliRunner.Result r = CliRunner.run("train", day1.toString(), day2.toString(), "--label", "label", "--split",
                "file", "--features", "channel", "--trees", "30", "--folds", "3", "--out", model.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("features: channel").contains("file: test on");
        CliRunner.Result s = CliRunner.run("score", "--model", model.toString(), day2.toString(), "--out",
                dir.resolve("channels.csv").toString());
        assertThat(s.exitCode()).as(s.err()).isZero();
        List<String> lines = Files.readAllLines(dir.resolve("channels.csv"));
        assertThat(lines.get(0)).startsWith("row,input,ts,src,dst,dst_port,probability");
        assertThat(lines.size()).isBetween(100, 1000); // one row per channel, not per flow
    }

    @Test
    void badOptionValuesAreUsageErrors(@TempDir Path dir) {
        Path train = data("beacon-events-synthetic/beacon_events_train.csv");
        CliRunner.Result r = CliRunner.run("train", train.toString(), "--label", "label", "--split", "sideways", "--out",
                dir.resolve("m.bwm").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown split 'sideways'");
        CliRunner.Result m = CliRunner.run("train", train.toString(), "--label", "label", "--split", "group:host_id",
                "--model", "svm", "--out", dir.resolve("m.bwm").toString());
        assertThat(m.exitCode()).isEqualTo(2);
        assertThat(m.err()).contains("unknown model 'svm'");
    }

    @Test
    void leaveOneCaptureOutWithATimeSplitOfUntimedCapturesIsAUsageErrorNamingTheColumns(@TempDir Path dir)
            throws Exception {
        // three captures of NSL-KDD rows, which have no time column
        List<String> rows = Files.readAllLines(data("nsl-kdd/KDDTest+.txt"));
        List<Path> captures = new java.util.ArrayList<>();
        for (int c = 0; c < 3; c++) {
            Path f = dir.resolve("capture-" + c + ".txt");
            Files.write(f, rows.subList(c * 300, (c + 1) * 300));
            captures.add(f);
        }
        CliRunner.Result r = CliRunner.run("train", captures.get(0).toString(), captures.get(1).toString(),
                captures.get(2).toString(), "--label", "label", "--split", "time", "--leave-one-capture-out",
                "--out", dir.resolve("m.bwm").toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("time split needs a numeric time column (ts)").contains("duration")
                .doesNotContain("null").doesNotContain("Exception");
        assertThat(Files.exists(dir.resolve("m.bwm"))).isFalse();
    }

    @Test
    void aGroupSplitThatCannotPutPositivesOnBothSidesIsRefusedWithoutAModel(@TempDir Path dir) {
        Path iot = data("iot23-ctu-iot-malware-capture-34-1-mirai-zeek");
        CliRunner.Result r = CliRunner.run("train", iot.toString(), "--label", "label", "--split", "group:src",
                "--out", dir.resolve("m.bwm").toString(), "--trees", "10", "--folds", "2");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("group split on src").doesNotContain("NaN").doesNotContain("Exception");
        assertThat(Files.exists(dir.resolve("m.bwm"))).isFalse();
    }

    @Test
    void evaluatingOnTheTrainingFileSaysItIsNotATest(@TempDir Path dir) throws Exception {
        Path train = data("beacon-events-synthetic/beacon_events_train.csv");
        Path model = dir.resolve("m.bwm");
        CliRunner.Result r = CliRunner.run("train", train.toString(), "--label", "label", "--split", "group:host_id",
                "--out", model.toString(), "--trees", "20", "--folds", "2", "--max-rows", "2000");
        assertThat(r.exitCode()).as(r.err()).isZero();
        CliRunner.Result e = CliRunner.run("evaluate", "--model", model.toString(), train.toString(), "--json",
                dir.resolve("e.json").toString());
        assertThat(e.exitCode()).as(e.err()).isZero();
        assertThat(e.out().lines().findFirst().orElse("")).startsWith("NOT A TEST:").contains("beacon_events_train.csv");
        assertThat(e.err()).contains("warning:");
        assertThat(Files.readString(dir.resolve("e.json"))).contains("\"testIsTrainingData\" : true");
    }
}
