package org.beaconwatch.ml.features;

import java.util.ArrayList;
import java.util.List;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;

/**
 * Per-event features for endpoint/proxy beacon event tables (the beacon events CSV: one row per
 * outbound event with its process, country, signature state and the time since the host's
 * previous event).
 *
 * <p>Features (missing values: the indicator is 1 and the value is the training median, the
 * training prior, or 0 for closeness):
 * <ul>
 *   <li>{@code interval_mode_closeness}: closeness of {@code inter_event_seconds} to the beacon
 *   intervals learned from positive training rows ({@link IntervalModes}); {@code inter_event_seconds}
 *   itself and {@code interval_missing}.</li>
 *   <li>{@code port_rarity}: surprise of the destination port among training rows (C2 on odd ports).</li>
 *   <li>{@code process_risk}, {@code country_risk}, {@code protocol_risk}: smoothed target rates
 *   ({@link TargetRate}) fitted on the training fold only; LOLBins such as rundll32.exe earn a high
 *   rate from the labels, not from a hand-written list.</li>
 *   <li>{@code signed_binary} (missing -> 0.5) and {@code signed_missing}.</li>
 *   <li>{@code log_bytes_out}, {@code log_bytes_in}, {@code bytes_out_in_log_ratio}
 *   ({@code ln((out+1)/(in+1))}: beacons send small check-ins and get small tasks), with indicators.</li>
 * </ul>
 */
public final class EventFeatures implements FeatureSet {
    static final String[] IES = {"inter_event_seconds", "interval", "inter_arrival"};
    static final String[] PORT = {"dst_port", "dport", "destination_port"};
    static final String[] PROCESS = {"proc_name", "process", "process_name", "image"};
    static final String[] COUNTRY = {"country_code", "country", "dst_country"};
    static final String[] PROTOCOL = {"service", "proto", "protocol"};
    static final String[] SIGNED = {"signed_binary", "signed"};
    static final String[] BYTES_OUT = {"orig_bytes", "bytes_out", "src_bytes", "sbytes"};
    static final String[] BYTES_IN = {"resp_bytes", "bytes_in", "dst_bytes", "dbytes"};

    @Override
    public String name() {
        return "event";
    }

    /** Whether {@code t} looks like an event table this feature set can use. */
    public static boolean applies(DataTable t) {
        return InputColumns.find(t, IES) != null;
    }

    @Override
    public FittedFeatures fit(DataTable t, int[] train, boolean[] positive) {
        Column ies = InputColumns.require(t, "inter_event_seconds", IES);
        Fitted f = new Fitted();
        f.ies = ies.name();
        f.modes = IntervalModes.fit(InputColumns.numbers(ies), train, positive);
        f.iesImputer = NumericImputer.fit(InputColumns.numbers(ies), train);
        Column c;
        if ((c = InputColumns.find(t, PORT)) != null) {
            f.port = c.name();
            f.portRate = TargetRate.fit(InputColumns.texts(c), train, positive);
        }
        if ((c = InputColumns.find(t, PROCESS)) != null) {
            f.process = c.name();
            f.processRate = TargetRate.fit(InputColumns.texts(c), train, positive);
        }
        if ((c = InputColumns.find(t, COUNTRY)) != null) {
            f.country = c.name();
            f.countryRate = TargetRate.fit(InputColumns.texts(c), train, positive);
        }
        if ((c = InputColumns.find(t, PROTOCOL)) != null) {
            f.protocol = c.name();
            f.protocolRate = TargetRate.fit(InputColumns.texts(c), train, positive);
        }
        if ((c = InputColumns.find(t, SIGNED)) != null) {
            f.signed = c.name();
        }
        if ((c = InputColumns.find(t, BYTES_OUT)) != null) {
            f.bytesOut = c.name();
        }
        if ((c = InputColumns.find(t, BYTES_IN)) != null) {
            f.bytesIn = c.name();
        }
        f.names = f.buildNames();
        return f;
    }

    static final class Fitted implements FittedFeatures {
        String ies;
        String port;
        String process;
        String country;
        String protocol;
        String signed;
        String bytesOut;
        String bytesIn;
        IntervalModes modes;
        NumericImputer iesImputer;
        TargetRate portRate;
        TargetRate processRate;
        TargetRate countryRate;
        TargetRate protocolRate;
        List<String> names;

        List<String> buildNames() {
            List<String> n = new ArrayList<>(List.of("interval_mode_closeness", "inter_event_seconds", "interval_missing"));
            if (port != null) {
                n.add("port_rarity");
            }
            if (process != null) {
                n.add("process_risk");
                n.add("process_missing");
            }
            if (country != null) {
                n.add("country_risk");
                n.add("country_missing");
            }
            if (protocol != null) {
                n.add("protocol_risk");
            }
            if (signed != null) {
                n.add("signed_binary");
                n.add("signed_missing");
            }
            if (bytesOut != null) {
                n.add("log_bytes_out");
                n.add("bytes_out_missing");
            }
            if (bytesIn != null) {
                n.add("log_bytes_in");
                n.add("bytes_in_missing");
            }
            if (bytesOut != null && bytesIn != null) {
                n.add("bytes_out_in_log_ratio");
            }
            return List.copyOf(n);
        }

        /** Learned beacon intervals, seconds. */
        List<Double> learnedIntervals() {
            return modes.modeSeconds();
        }

        @Override
        public List<String> names() {
            return names;
        }

        @Override
        public List<String> inputColumns() {
            List<String> c = new ArrayList<>();
            for (String s : new String[] {ies, port, process, country, protocol, signed, bytesOut, bytesIn}) {
                if (s != null) {
                    c.add(s);
                }
            }
            return c;
        }

        @Override
        public FeatureMatrix transform(DataTable t) {
            InputColumns.checkPresent(t, inputColumns(), names);
            int n = t.rows();
            double[] iesV = InputColumns.numbers(t.column(ies).orElseThrow());
            String[] portV = port == null ? null : InputColumns.texts(t.column(port).orElseThrow());
            String[] procV = process == null ? null : InputColumns.texts(t.column(process).orElseThrow());
            String[] ctryV = country == null ? null : InputColumns.texts(t.column(country).orElseThrow());
            String[] protoV = protocol == null ? null : InputColumns.texts(t.column(protocol).orElseThrow());
            double[] signV = signed == null ? null : InputColumns.numbers(t.column(signed).orElseThrow());
            double[] outV = bytesOut == null ? null : InputColumns.numbers(t.column(bytesOut).orElseThrow());
            double[] inV = bytesIn == null ? null : InputColumns.numbers(t.column(bytesIn).orElseThrow());
            double[][] x = new double[n][names.size()];
            for (int r = 0; r < n; r++) {
                double[] row = x[r];
                int j = 0;
                double v = iesV[r];
                boolean miss = !(v >= 0) || !Double.isFinite(v);
                row[j++] = modes.closeness(v);
                row[j++] = miss ? iesImputer.median : v;
                row[j++] = miss ? 1 : 0;
                if (portV != null) {
                    row[j++] = portRate.rarity(portV[r]);
                }
                if (procV != null) {
                    row[j++] = processRate.rate(procV[r]);
                    row[j++] = procV[r] == null ? 1 : 0;
                }
                if (ctryV != null) {
                    row[j++] = countryRate.rate(ctryV[r]);
                    row[j++] = ctryV[r] == null ? 1 : 0;
                }
                if (protoV != null) {
                    row[j++] = protocolRate.rate(protoV[r]);
                }
                if (signV != null) {
                    boolean m = Double.isNaN(signV[r]);
                    row[j++] = m ? 0.5 : (signV[r] != 0 ? 1 : 0);
                    row[j++] = m ? 1 : 0;
                }
                double lo = Double.NaN;
                double li = Double.NaN;
                if (outV != null) {
                    boolean m = !(outV[r] >= 0);
                    lo = m ? Double.NaN : Math.log1p(outV[r]);
                    row[j++] = m ? 0 : lo;
                    row[j++] = m ? 1 : 0;
                }
                if (inV != null) {
                    boolean m = !(inV[r] >= 0);
                    li = m ? Double.NaN : Math.log1p(inV[r]);
                    row[j++] = m ? 0 : li;
                    row[j++] = m ? 1 : 0;
                }
                if (outV != null && inV != null) {
                    row[j++] = Double.isNaN(lo) || Double.isNaN(li) ? 0 : lo - li;
                }
            }
            return new FeatureMatrix(names, x);
        }
    }
}
