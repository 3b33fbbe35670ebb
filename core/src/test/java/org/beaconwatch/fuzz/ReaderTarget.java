package org.beaconwatch.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.io.LogFormat;
import org.beaconwatch.io.ReadOptions;
import org.beaconwatch.io.argus.BinetflowReader;
import org.beaconwatch.io.csv.CsvFlowReader;
import org.beaconwatch.io.spi.DnsIndex;
import org.beaconwatch.io.spi.FormatReader;
import org.beaconwatch.io.spi.LineSource;
import org.beaconwatch.io.spi.Problems;
import org.beaconwatch.io.spi.ServerNames;
import org.beaconwatch.io.zeek.ZeekCompanions;
import org.beaconwatch.io.zeek.ZeekJsonReader;
import org.beaconwatch.io.zeek.ZeekTsvReader;

/**
 * The readers under fuzzing: how each is opened on bytes, its separator, how its data lines are
 * counted, and its seeds (real files from the shared data folder, read at test time, plus small
 * fixtures of our own).
 */
@SuppressWarnings("ImmutableEnumChecker") // its lists are List.of; realSeeds is loaded once, under the lock
enum ReaderTarget {
    ZEEK_TSV(LogFormat.ZEEK_CONN_TSV, '\t', false, Lines.ZEEK, List.of(
            "stratosphere-njrat-ctu-malware-230-1-zeek/labeled-conn.log",
            "stratosphere-remcos-ctu-sme-11-zeek/conn.log.labeled",
            "iot23-ctu-iot-malware-capture-34-1-mirai-zeek/conn.log.labeled",
            "activecm-rita-proxy-beacon-zeek/conn.log",
            "stratosphere-ctu50-benign-windows-zeek/008-ctu-normal-40-day1.conn.log.labeled"), List.of(
            "#separator \\x09\n#unset_field\t-\n#empty_field\t(empty)\n#fields\tts\tuid\tid.orig_h\tid.orig_p\t"
                    + "id.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\t"
                    + "orig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\tlabel\tdetailedlabel\n"
                    + "1.5\tCa\t10.0.0.1\t5\t::1\t443\ttcp\tssl\t0.25\t10\t20\tSF\t1\t50\t2\t60\tMalicious\tC&C\n"
                    + "2\tCb\t10.0.0.1\t6\t10.0.0.2\t53\tudp\t-\t-\t-\t-\tS0\t-\t-\t-\t-\t(empty)\tl\\x09x\n"
                    + "#close\t2020\n")),
    ZEEK_JSON(LogFormat.ZEEK_CONN_JSON, ',', true, Lines.JSON, List.of("slips-zeek-json-sample/conn.json.log"),
            List.of("{\"ts\":\"2020-01-01T00:00:00.5Z\",\"uid\":\"C1\",\"id\":{\"orig_h\":\"10.0.0.1\",\"orig_p\":5,"
                    + "\"resp_h\":\"fe80::1\",\"resp_p\":443},\"proto\":\"tcp\",\"duration\":1.5e0,\"orig_bytes\":7,"
                    + "\"conn_state\":\"SF\",\"label\":\"x\"}\n"
                    + "{\"ts\":1.6e9,\"id.orig_h\":\"1.2.3.4\",\"id.resp_p\":\"80\",\"resp_pkts\":3}\n")),
    BINETFLOW(LogFormat.ARGUS_BINETFLOW, ',', false, Lines.HEADER_FIRST, List.of(
            "slips-test-cc-periodic-https/test-cc-capture-2.binetflow",
            "slips-binetflow-samples/test5-malware-labeled.tab.binetflow",
            "slips-binetflow-samples/CTU-Normal-7-2013-12-17.binetflow"), List.of(
            """
            StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,sTos,dTos,TotPkts,TotBytes,SrcBytes,SrcPkts,Label
            2011/08/16 10:01:46.972101,1.5,tcp,10.0.0.1,1025,   ->,8.8.8.8,0x0303,S_RA,0,0,4,300,100,2,flow=x
            2011/08/16 10:01:47,,arp,00:11:22:33:44:55,,  <->,1,,,,,,,,,
            """)),
    CSV_BEACON_EVENTS(LogFormat.CSV_BEACON_EVENTS, ',', false, Lines.CSV, List.of(
            "beacon-events-synthetic/beacon_events_train.csv",
            "beacon-events-synthetic/beacon_events_eval_unlabeled.csv"), List.of(
            "event_id,host_id,timestamp,src_ip,dst_ip,dst_port,protocol,bytes_out,bytes_in,inter_event_seconds,"
                    + "proc_name,user,country_code,signed_binary,label\n"
                    + "E1,H1,2025-02-02 19:44:31,192.168.59.229,30.22.199.92,53,dns,7883,3178,60.9,rundll32.exe,u,JP,0,1\n"
                    + "E2,H2,1700000000.5,10.0.0.1,10.0.0.2,443,https,1,2,,\"a,b\",u,US,1,0\n")),
    CSV_NSL_KDD(LogFormat.CSV_NSL_KDD, ',', false, Lines.CSV, List.of("nsl-kdd/KDDTest+.txt"), List.of(
            "0,tcp,private,REJ,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,229,10,0.0,0.0,1.0,1.0,0.04,0.06,0.0,255,10,0.04,"
                    + "0.06,0.0,0.0,0.0,0.0,1.0,1.0,neptune,21\n"
                    + "2,udp,domain_u,SF,12983,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,1,0.0,0.0,0.0,0.0,1.0,0.0,0.0,134,86,0.61,"
                    + "0.04,0.61,0.02,0.0,0.0,0.0,0.0,normal,21\n")),
    CSV_FLOWS(LogFormat.CSV_FLOWS, ',', false, Lines.CSV, List.of(), List.of(
            """
            time,duration,src_computer,src_port,dst_computer,dst_port,protocol,packet_count,byte_count
            1,0,C1065,389,C3799,N10451,6,10,5323
            2,3,10.0.0.1,N1,C5720,2049,17,1,52
            """,
            """
            ts,src,dst,sport,dport,proto,orig_bytes,resp_bytes,orig_pkts,resp_pkts,conn_state,label,uid,server_name
            2020-01-01T00:00:00+01:00,10.0.0.1,::1,1,2,tcp,1,2,3,4,SF,x,C1,example.org
            """)),
    ZEEK_SSL(LogFormat.ZEEK_SSL, '\t', false, Lines.ZEEK, List.of("activecm-rita-proxy-beacon-zeek/ssl.log"), List.of(
            """
            #separator \\x09
            #fields\tts\tuid\tid.orig_h\tserver_name
            1.5\tCa\t10.0.0.1\texample.org
            {"ts":1,"uid":"Cb","server_name":"b.example","id":{"orig_h":"::1"}}
            """)),
    ZEEK_HTTP(LogFormat.ZEEK_HTTP, '\t', false, Lines.ZEEK, List.of("activecm-rita-proxy-beacon-zeek/http.log"), List.of(
            """
            #separator \\x09
            #fields\tts\tuid\tmethod\thost\turi
            1\tCa\tCONNECT\tproxy:3128\tevil.example:443
            2\tCb\tGET\t[::1]:80\t/
            """)),
    ZEEK_DNS(LogFormat.ZEEK_DNS, '\t', false, Lines.ZEEK, List.of("activecm-rita-proxy-beacon-zeek/dns.log"), List.of(
            """
            #separator \\x09
            #set_separator\t,
            #fields\tts\tuid\tquery\tanswers
            1\tCa\texample.org\t1.2.3.4,::1,cname.example
            {"ts":1,"uid":"Cb","query":"q.example","answers":["10.0.0.9",{"x":1}]}
            """));

    /** How a format's data lines are counted for the "read + skipped = data lines" check. */
    enum Lines { ZEEK, JSON, HEADER_FIRST, CSV }

    static final String FILE = "fuzz-input.log";

    final LogFormat format;
    final char sep;
    final boolean json;
    final Lines lines;
    final List<String> sharedFiles;
    final List<String> fixtures;
    private List<String[]> realSeeds;

    ReaderTarget(LogFormat format, char sep, boolean json, Lines lines, List<String> sharedFiles,
                 List<String> fixtures) {
        this.format = format;
        this.sep = sep;
        this.json = json;
        this.lines = lines;
        this.sharedFiles = sharedFiles;
        this.fixtures = fixtures;
    }

    boolean isCompanion() {
        return format.isCompanion();
    }

    /**
     * The real files as {header, data lines...} split into lines (ISO-8859-1), first 2,000 data
     * lines each; empty when the shared data folder is absent.
     */
    synchronized List<String[]> realSeeds() {
        if (realSeeds == null) {
            realSeeds = new ArrayList<>();
            String dir = System.getProperty("beaconwatch.data");
            for (String f : sharedFiles) {
                Path p = dir == null ? null : Path.of(dir).resolve(f);
                if (p == null || !Files.isRegularFile(p)) {
                    continue;
                }
                try {
                    String text = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
                    String[] all = text.split("\n", -1);
                    realSeeds.add(java.util.Arrays.copyOf(all, Math.min(all.length, 2100)));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
        return realSeeds;
    }

    /** What one read produced. */
    record Result(long read, long skipped, boolean truncated, List<String> examples) {
    }

    /** Per-row check, called with every filled batch and the range of rows just added. */
    interface RowCheck {
        void rows(FlowBatch batch, int from, int to);
    }

    /** Reads the input to its end with this reader. Exceptions propagate unchanged. */
    Result read(InputStream in, String compression, ReadOptions o, int batchCapacity, RowCheck check)
            throws IOException {
        Problems problems = new Problems(FILE, o.errorPolicy(), o.maxExamples());
        if (isCompanion()) {
            long n = ZeekCompanions.read(format, new LineSource(in, o.maxLineBytes(), compression), problems,
                    new ServerNames(), new DnsIndex());
            return new Result(n, problems.skipped(), problems.truncation() != null, problems.examples());
        }

        FormatReader r = switch (this) {
            case ZEEK_TSV -> new ZeekTsvReader(new LineSource(in, o.maxLineBytes(), compression), problems);
            case ZEEK_JSON -> new ZeekJsonReader(new LineSource(in, o.maxLineBytes(), compression), problems);
            case BINETFLOW -> new BinetflowReader(new LineSource(in, o.maxLineBytes(), compression), problems);
            default -> new CsvFlowReader(in, compression, format, Map.of(), problems, o.maxLineBytes());
        };
        try (r) {
            FlowBatch b = new FlowBatch(batchCapacity);
            b.extraColumns(r.extraColumns());
            boolean more = true;
            while (more) {
                b.clear();
                more = r.fill(b);
                check.rows(b, 0, b.size());
            }
            return new Result(r.recordsRead(), problems.skipped(), problems.truncation() != null, problems.examples());
        }
    }
}
