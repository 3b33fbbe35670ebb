package org.beaconwatch.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.beaconwatch.channel.Allowlist;
import org.beaconwatch.channel.Cidr;
import org.beaconwatch.io.ErrorPolicy;
import org.beaconwatch.io.ReadOptions;
import org.beaconwatch.score.DetectOptions;

/**
 * Detection and reading options in a form that crosses JVMs (core's option records are not
 * serialisable): plain strings and numbers, turned back into {@link DetectOptions} and
 * {@link ReadOptions} on each executor. Allowlist files are read on the driver, so executors need
 * no access to them.
 */
final class OptionsSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    final List<String> internal;
    final boolean allSources;
    final boolean internalDestinations;
    final List<String> allowEntries;
    final int minConns;
    final double threshold;
    final ErrorPolicy errorPolicy;
    final LinkedHashMap<String, String> columnMap;
    private transient DetectOptions detect;

    OptionsSpec(List<String> internal, boolean allSources, boolean internalDestinations, List<String> allowEntries,
                int minConns, double threshold, ErrorPolicy errorPolicy) {
        this(internal, allSources, internalDestinations, allowEntries, minConns, threshold, errorPolicy, Map.of());
    }

    OptionsSpec(List<String> internal, boolean allSources, boolean internalDestinations, List<String> allowEntries,
                int minConns, double threshold, ErrorPolicy errorPolicy, Map<String, String> columnMap) {
        this.columnMap = new LinkedHashMap<>(columnMap);
        this.internal = new ArrayList<>(internal);
        this.allSources = allSources;
        this.internalDestinations = internalDestinations;
        this.allowEntries = new ArrayList<>(allowEntries);
        this.minConns = minConns;
        this.threshold = threshold;
        this.errorPolicy = errorPolicy;
    }

    /** The detection options (built once per JVM and instance). */
    DetectOptions detectOptions() {
        DetectOptions d = detect;
        if (d == null) {
            d = DetectOptions.defaults();
            if (!internal.isEmpty()) {
                List<Cidr> nets = new ArrayList<>();
                for (String s : internal) {
                    nets.add(Cidr.parse(s.trim()));
                }
                d = d.withInternal(nets);
            }
            d = d.withAllSources(allSources).withInternalDestinations(internalDestinations)
                    .withAllowlist(Allowlist.of(allowEntries)).withMinConns(minConns).withAlertThreshold(threshold)
                    .withThreads(1);
            detect = d;
        }
        return d;
    }

    ReadOptions readOptions() {
        return ReadOptions.defaults().withErrorPolicy(errorPolicy).withColumnMap(columnMap);
    }
}
