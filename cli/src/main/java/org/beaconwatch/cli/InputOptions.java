package org.beaconwatch.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.beaconwatch.io.ErrorPolicy;
import org.beaconwatch.io.ReadOptions;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Input files and how to read them; shared by every command that reads logs. */
final class InputOptions {

    @Parameters(paramLabel = "INPUT", arity = "1..*",
            description = "Log files or directories (Zeek TSV/JSON conn/ssl/http/dns logs, Argus binetflow, CSV; "
                    + "gzip and zstd are read transparently; directories are read recursively).")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--on-error", paramLabel = "POLICY", defaultValue = "warn",
            description = "What to do with a malformed record: fail (stop with exit code 1), skip (count it "
                    + "silently) or warn (skip it, count it and print a summary per file with the first examples). "
                    + "Default: ${DEFAULT-VALUE}.")
    String onError = "warn";

    @Option(names = "--map", paramLabel = "FIELD=COLUMN", split = ",",
            description = "CSV column mapping from Beaconwatch fields to your header names, e.g. "
                    + "--map ts=timestamp,src=src_ip,dst=dst_ip,dport=dst_port. Fields: ts, duration, src, sport, dst, "
                    + "dport, proto, service, orig_bytes, resp_bytes, orig_pkts, resp_pkts, conn_state, label, "
                    + "detailed_label, server_name, uid. Unmapped columns are kept as extra columns.")
    List<String> map = new ArrayList<>();

    ReadOptions readOptions() {
        ErrorPolicy policy = switch (onError.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "fail" -> ErrorPolicy.FAIL;
            case "skip" -> ErrorPolicy.SKIP;
            case "warn" -> ErrorPolicy.WARN;
            default -> throw new UsageException("--on-error must be fail, skip or warn, not '" + onError + "'");
        };
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : map) {
            int eq = kv.indexOf('=');
            if (eq <= 0 || eq == kv.length() - 1) {
                throw new UsageException("--map expects FIELD=COLUMN pairs, got '" + kv + "'");
            }
            m.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        return ReadOptions.defaults().withErrorPolicy(policy).withColumnMap(m);
    }
}
