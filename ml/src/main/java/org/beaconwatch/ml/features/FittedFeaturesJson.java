package org.beaconwatch.ml.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fitted feature encoders as plain records for a model file's JSON, and back. Each record names
 * its kind in a field read by a switch here: no class names in the file, no polymorphic typing.
 * Reading checks that the parts fit together (names, lengths), so a damaged file fails on load
 * with a message instead of later with an index error.
 */
public final class FittedFeaturesJson {
    /** Combined feature sets nest once; deeper nesting is not something we write. */
    static final int MAX_NESTING = 4;

    private FittedFeaturesJson() {
    }

    /**
     * One fitted feature set. Exactly the part matching {@code kind} is set.
     *
     * @param kind     {@code record}, {@code event}, {@code entity} or {@code combined}
     * @param record   per-record encoders
     * @param event    per-event encoders
     * @param entity   per-entity/time columns
     * @param parts    the parts of a combined set
     */
    public record Features(String kind, RecordEncoders record, Event event, Entity entity, List<Features> parts) {
    }

    /** Per-record encoders: numeric columns with imputers, categorical columns with target rates. */
    public record RecordEncoders(List<String> numeric, List<Imputer> imputers, List<String> categorical, List<Rate> rates,
                         List<String> names) {
    }

    /** Per-event encoders; absent columns are null. */
    public record Event(String ies, String port, String process, String country, String protocol, String signed,
                        String bytesOut, String bytesIn, Modes modes, Imputer iesImputer, Rate portRate,
                        Rate processRate, Rate countryRate, Rate protocolRate, List<String> names) {
    }

    /** Entity/time input columns ({@code bytes} may be null). */
    public record Entity(String time, String source, String dest, String bytes) {
    }

    /** A numeric imputer: training median and whether training saw missing cells. */
    public record Imputer(double median, boolean sawMissing) {
    }

    /** A smoothed target rate: per value rate and count, prior and training rows. */
    public record Rate(Map<String, Double> rate, Map<String, Integer> count, double prior, int total) {
    }

    /** Learned beacon interval modes (log seconds) and their spreads. */
    // arrays by design: columnar data handed over without copies; never compared or hashed by value
    @SuppressWarnings("ArrayRecordComponent")
    public record Modes(double[] centres, double[] spreads) {
    }

    /** The record form of fitted features. */
    public static Features of(FittedFeatures f) {
        if (f instanceof RecordFeatures.Fitted r) {
            List<Imputer> imp = new ArrayList<>();
            for (NumericImputer i : r.imputers) {
                imp.add(imputer(i));
            }
            List<Rate> rates = new ArrayList<>();
            for (TargetRate t : r.rates) {
                rates.add(rate(t));
            }
            return new Features("record", new RecordEncoders(List.copyOf(r.numeric), imp, List.copyOf(r.categorical), rates,
                    r.names), null, null, null);
        }
        if (f instanceof EventFeatures.Fitted e) {
            return new Features("event", null, new Event(e.ies, e.port, e.process, e.country, e.protocol, e.signed,
                    e.bytesOut, e.bytesIn, new Modes(e.modes.centres, e.modes.spreads), imputer(e.iesImputer),
                    rate(e.portRate), rate(e.processRate), rate(e.countryRate), rate(e.protocolRate), e.names), null,
                    null);
        }
        if (f instanceof EntityTimeFeatures.Fitted e) {
            return new Features("entity", null, null, new Entity(e.time, e.source, e.dest, e.bytes), null);
        }
        if (f instanceof CombinedFeatures.Fitted c) {
            List<Features> parts = new ArrayList<>();
            for (FittedFeatures p : c.parts) {
                parts.add(of(p));
            }
            return new Features("combined", null, null, null, parts);
        }
        throw new IllegalArgumentException("no file form for " + f.getClass().getSimpleName());
    }

    /**
     * Fitted features from their record form.
     *
     * @throws IllegalArgumentException naming what is missing or inconsistent
     */
    public static FittedFeatures from(Features f) {
        return from(f, 0);
    }

    private static FittedFeatures from(Features f, int depth) {
        if (f == null || f.kind() == null) {
            throw new IllegalArgumentException("feature encoders without a kind");
        }
        if (depth > MAX_NESTING) {
            throw new IllegalArgumentException("feature encoders nested deeper than " + MAX_NESTING);
        }
        switch (f.kind()) {
            case "record" -> {
                RecordEncoders r = need(f.record(), "record encoders");
                RecordFeatures.Fitted out = new RecordFeatures.Fitted();
                List<String> numeric = need(r.numeric(), "numeric columns");
                List<Imputer> imputers = need(r.imputers(), "imputers");
                List<String> categorical = need(r.categorical(), "categorical columns");
                List<Rate> rates = need(r.rates(), "target rates");
                if (numeric.size() != imputers.size() || categorical.size() != rates.size()) {
                    throw new IllegalArgumentException("record encoders: columns and encoders differ in number");
                }
                out.numeric.addAll(noNulls(numeric, "numeric columns"));
                for (Imputer i : imputers) {
                    out.imputers.add(imputer(need(i, "imputer")));
                }
                out.categorical.addAll(noNulls(categorical, "categorical columns"));
                for (Rate t : rates) {
                    out.rates.add(rate(need(t, "target rate")));
                }
                int width = categorical.size() * 2;
                for (Imputer i : imputers) {
                    width += i.sawMissing() ? 2 : 1;
                }
                out.names = names(r.names(), width);
                return out;
            }
            case "event" -> {
                Event e = need(f.event(), "event encoders");
                EventFeatures.Fitted out = new EventFeatures.Fitted();
                out.ies = need(e.ies(), "interval column");
                out.port = e.port();
                out.process = e.process();
                out.country = e.country();
                out.protocol = e.protocol();
                out.signed = e.signed();
                out.bytesOut = e.bytesOut();
                out.bytesIn = e.bytesIn();
                Modes m = need(e.modes(), "interval modes");
                double[] c = need(m.centres(), "interval mode centres");
                double[] s = need(m.spreads(), "interval mode spreads");
                if (c.length != s.length) {
                    throw new IllegalArgumentException("interval modes: centres and spreads differ in number");
                }
                out.modes = new IntervalModes(c.clone(), s.clone());
                out.iesImputer = imputer(need(e.iesImputer(), "interval imputer"));
                out.portRate = optionalRate(out.port, e.portRate(), "port");
                out.processRate = optionalRate(out.process, e.processRate(), "process");
                out.countryRate = optionalRate(out.country, e.countryRate(), "country");
                out.protocolRate = optionalRate(out.protocol, e.protocolRate(), "protocol");
                List<String> expected = out.buildNames();
                if (!expected.equals(e.names())) {
                    throw new IllegalArgumentException("event encoders: feature names do not match their columns");
                }
                out.names = expected;
                return out;
            }
            case "entity" -> {
                Entity e = need(f.entity(), "entity columns");
                EntityTimeFeatures.Fitted out = new EntityTimeFeatures.Fitted();
                out.time = need(e.time(), "time column");
                out.source = need(e.source(), "source column");
                out.dest = need(e.dest(), "destination column");
                out.bytes = e.bytes();
                return out;
            }
            case "combined" -> {
                List<FittedFeatures> parts = new ArrayList<>();
                for (Features p : noNulls(need(f.parts(), "combined parts"), "combined parts")) {
                    parts.add(from(p, depth + 1));
                }
                if (parts.isEmpty()) {
                    throw new IllegalArgumentException("combined feature encoders without parts");
                }
                try {
                    return new CombinedFeatures.Fitted(parts);
                } catch (IllegalStateException e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
            }
            default -> throw new IllegalArgumentException("unknown feature encoder kind '" + f.kind() + "'");
        }
    }

    private static Imputer imputer(NumericImputer i) {
        return new Imputer(i.median, i.sawMissing);
    }

    private static NumericImputer imputer(Imputer i) {
        return new NumericImputer(i.median(), i.sawMissing());
    }

    private static Rate rate(TargetRate t) {
        return t == null ? null : new Rate(new TreeMap<>(t.rates()), new TreeMap<>(t.counts()), t.prior(), t.total());
    }

    private static TargetRate rate(Rate r) {
        Map<String, Double> rate = need(r.rate(), "target rate values");
        Map<String, Integer> count = need(r.count(), "target rate counts");
        for (var e : rate.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("target rate with an empty entry");
            }
        }
        for (var e : count.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("target rate with an empty count");
            }
        }
        return TargetRate.of(rate, count, r.prior(), r.total());
    }

    private static TargetRate optionalRate(String column, Rate r, String what) {
        if (column == null) {
            return null;
        }
        return rate(need(r, what + " target rate"));
    }

    private static List<String> names(List<String> names, int width) {
        List<String> n = noNulls(need(names, "feature names"), "feature names");
        if (n.size() != width) {
            throw new IllegalArgumentException("record encoders: " + n.size() + " feature names for " + width
                    + " features");
        }
        return List.copyOf(n);
    }

    private static <T> T need(T v, String what) {
        if (v == null) {
            throw new IllegalArgumentException("missing " + what);
        }
        return v;
    }

    private static <T> List<T> noNulls(List<T> v, String what) {
        for (T t : v) {
            if (t == null) {
                throw new IllegalArgumentException("empty entry in " + what);
            }
        }
        return v;
    }
}
