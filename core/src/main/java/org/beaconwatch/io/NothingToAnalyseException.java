package org.beaconwatch.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The inputs were read but left nothing to analyse: every record was rejected, only companion
 * logs (ssl/http/dns) or Zeek logs of other types were given, the files hold no records, or no
 * flow could form a channel. Analysing nothing is an error, not a clean result: the message (one
 * line) says why, so "0 flows, no alerts" never passes for a clean bill of health.
 */
public final class NothingToAnalyseException extends IOException {
    private static final long serialVersionUID = 1L;

    public NothingToAnalyseException(String reason) {
        super("nothing to analyse: " + reason);
    }

    /**
     * Throws when the reports (of one {@link FlowSource}, after it was read to its end) show no
     * flow record at all, naming the reason.
     */
    public static void requireRecords(List<FileReport> reports) throws NothingToAnalyseException {
        long read = 0, skipped = 0;
        String example = null;
        List<String> companions = new ArrayList<>(), others = new ArrayList<>(), empty = new ArrayList<>();
        for (FileReport r : reports) {
            if (r.format().isCompanion()) {
                companions.add(r.file() + " (" + r.format().description() + ")");
                continue;
            }
            if (r.format() == LogFormat.ZEEK_OTHER) {
                others.add(r.file());
                continue;
            }
            if (!r.notes().isEmpty() && r.recordsRead() == 0 && r.recordsSkipped() == 0) {
                continue; // a duplicate, read once under another name
            }
            read += r.recordsRead();
            skipped += r.recordsSkipped();
            if (example == null && !r.examples().isEmpty()) {
                example = r.examples().get(0);
            }
            if (r.recordsRead() == 0 && r.recordsSkipped() == 0) {
                empty.add(r.file());
            }
        }
        if (read > 0) {
            return;
        }
        if (skipped > 0) {
            throw new NothingToAnalyseException(String.format(Locale.ROOT, "all %,d record%s rejected%s", skipped,
                    skipped == 1 ? " was" : "s were", example == null ? "" : " (first: " + example + ")"));
        }
        if (!empty.isEmpty()) {
            throw new NothingToAnalyseException(list(empty) + (empty.size() == 1 ? " holds" : " hold")
                    + " no records");
        }
        if (!others.isEmpty()) {
            throw new NothingToAnalyseException(list(others) + (others.size() == 1 ? " is a Zeek log" : " are Zeek logs")
                    + " of another type, not a connection log; give the conn.log");
        }
        if (!companions.isEmpty()) {
            throw new NothingToAnalyseException("only companion logs given: " + list(companions)
                    + "; they add server names to a conn.log's connections, so give the conn.log too");
        }
        throw new NothingToAnalyseException("no input records");
    }

    /**
     * Flows were read but none was kept in a channel; the reason lists where they went.
     *
     * @param flowsRead          flows offered to the aggregator
     * @param noAddress          flows without a source or destination address
     * @param externalSource     flows from a source outside the internal networks
     * @param skippedDestination flows to internal, multicast, broadcast, link-local or loopback destinations
     * @param allowlisted        flows dropped by the allowlist
     * @param givenInternal      the internal networks the user gave, empty when the defaults applied
     */
    public static NothingToAnalyseException noChannels(long flowsRead, long noAddress, long externalSource,
                                                       long skippedDestination, long allowlisted,
                                                       List<String> givenInternal) {
        List<String> parts = new ArrayList<>();
        if (noAddress > 0) {
            parts.add(String.format(Locale.ROOT, "%,d without a source or destination address (records such as "
                    + "NSL-KDD's have none; inspect, explore and train read them)", noAddress));
        }
        if (externalSource > 0 && givenInternal.isEmpty()) {
            parts.add(String.format(Locale.ROOT, "%,d with a source outside the internal networks (give your hosts "
                    + "with --internal CIDR, or analyse every source with --all-sources)", externalSource));
        } else if (externalSource > 0) {
            parts.add(String.format(Locale.ROOT, "%,d with a source outside the given networks (--internal %s); "
                    + "add your hosts' networks with another --internal, or analyse every source with --all-sources",
                    externalSource, String.join(" --internal ", givenInternal)));
        }
        if (skippedDestination > 0) {
            parts.add(String.format(Locale.ROOT, "%,d to internal, multicast, broadcast, link-local or loopback "
                    + "destinations", skippedDestination));
        }
        if (allowlisted > 0) {
            parts.add(String.format(Locale.ROOT, "%,d matched the allowlist (--allow, --allowlist)", allowlisted));
        }
        return new NothingToAnalyseException(String.format(Locale.ROOT, "none of the %,d flow%s forms a channel: %s",
                flowsRead, flowsRead == 1 ? "" : "s", String.join("; ", parts)));
    }

    private static String list(List<String> files) {
        if (files.size() <= 3) {
            return String.join(", ", files);
        }
        return String.join(", ", files.subList(0, 3)) + " and " + (files.size() - 3) + " more";
    }
}
