package org.beaconwatch.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.beaconwatch.channel.Allowlist;
import org.beaconwatch.channel.Cidr;
import org.beaconwatch.score.DetectOptions;
import picocli.CommandLine.Option;

/** Analysis options shared by detect and demo. */
final class DetectionOptions {

    @Option(names = "--internal", paramLabel = "CIDR",
            description = "Your internal network (repeatable). Default: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, "
                    + "100.64.0.0/10 and fc00::/7. Sources outside it are ignored unless --all-sources; "
                    + "destinations inside it are not beacon candidates unless --internal-destinations.")
    List<String> internal = new ArrayList<>();

    @Option(names = "--all-sources", description = "Also analyse connections whose source is outside --internal.")
    boolean allSources;

    @Option(names = "--internal-destinations",
            description = "Also score channels to internal destinations (east-west beacons, internal C2 relays).")
    boolean internalDestinations;

    @Option(names = "--allow", paramLabel = "ENTRY", split = ",",
            description = "Trusted address, CIDR or domain (repeatable). '*.example.com' also matches example.com. "
                    + "Applied at analysis time: change it and re-run, no re-import.")
    List<String> allow = new ArrayList<>();

    @Option(names = "--allowlist", paramLabel = "FILE",
            description = "File with one trusted address, CIDR or domain per line (# starts a comment). Repeatable.")
    List<Path> allowlistFiles = new ArrayList<>();

    @Option(names = "--min-conns", paramLabel = "N", defaultValue = "4",
            description = "Fewest connections a channel needs to be scored as a beacon. Default: ${DEFAULT-VALUE}.")
    int minConns = 4;

    @Option(names = "--threshold", paramLabel = "SCORE", defaultValue = "0.6",
            description = "Score in [0, 1] at or above which a finding alerts. Default: ${DEFAULT-VALUE}.")
    double threshold = DetectOptions.DEFAULT_ALERT_THRESHOLD;

    @Option(names = "--threads", paramLabel = "N", description = "Scoring threads. Default: one per core.")
    Integer threads;

    /** The options as the user gave them, for provenance records. */
    String describe() {
        return "internal=" + (internal.isEmpty() ? "default" : String.join(",", internal))
                + " all_sources=" + allSources + " internal_destinations=" + internalDestinations
                + " allow=" + String.join(",", allow) + " allowlist_files=" + allowlistFiles
                + " min_conns=" + minConns + " threshold=" + threshold;
    }

    DetectOptions toOptions() throws IOException {
        DetectOptions o = DetectOptions.defaults();
        if (!internal.isEmpty()) {
            List<Cidr> nets = new ArrayList<>();
            for (String s : internal) {
                try {
                    nets.add(Cidr.parse(s.trim()));
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--internal: " + e.getMessage());
                }
            }
            o = o.withInternal(nets);
        }
        Allowlist allowlist;
        try {
            allowlist = Allowlist.of(allow);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--allow: " + e.getMessage());
        }
        for (Path f : allowlistFiles) {
            allowlist = allowlist.plus(Allowlist.load(f));
        }
        if (minConns < 2) {
            throw new UsageException("--min-conns must be at least 2");
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new UsageException("--threshold must be between 0 and 1");
        }
        o = o.withAllSources(allSources).withInternalDestinations(internalDestinations).withAllowlist(allowlist)
                .withMinConns(minConns).withAlertThreshold(threshold);
        if (threads != null) {
            if (threads < 1) {
                throw new UsageException("--threads must be at least 1");
            }
            o = o.withThreads(threads);
        }
        return o;
    }
}
