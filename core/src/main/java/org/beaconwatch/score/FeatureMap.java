package org.beaconwatch.score;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Immutable ordered feature map backed by a shared name list and a double[]: tens of thousands of
 * findings keep their features in a few bytes each instead of boxed map entries.
 */
final class FeatureMap extends AbstractMap<String, Double> {
    private final List<String> names;
    private final double[] values;

    /** Takes {@code owned} without copying it: the caller gives it up. */
    private FeatureMap(List<String> names, double[] owned) {
        if (names.size() != owned.length) {
            throw new IllegalArgumentException("names and values differ in length");
        }
        this.names = names;
        this.values = owned;
    }

    /** A copy with some values replaced (names must exist); pairs of name, value. */
    FeatureMap with(Object... nameValues) {
        double[] v = values.clone();
        for (int i = 0; i < nameValues.length; i += 2) {
            int k = indexOf(nameValues[i]);
            if (k < 0) {
                throw new IllegalArgumentException("no feature " + nameValues[i]);
            }
            v[k] = ((Number) nameValues[i + 1]).doubleValue();
        }
        return new FeatureMap(names, v);
    }

    /**
     * Index of a name: by identity first (callers name features with the same constants the
     * scorer wrote them with), else by equality.
     */
    private int indexOf(Object name) {
        for (int k = 0, n = names.size(); k < n; k++) {
            if (names.get(k) == name) {
                return k;
            }
        }
        return names.indexOf(name);
    }

    /** The shared name list, in order (for {@link FindingCodec}). */
    List<String> names() {
        return names;
    }

    /** The i-th value, unboxed. */
    double valueAt(int i) {
        return values[i];
    }

    @Override
    public Double get(Object key) {
        int i = names.indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return names.contains(key);
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public Set<Map.Entry<String, Double>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, Double>> iterator() {
                return new Iterator<>() {
                    private int i;

                    @Override
                    public boolean hasNext() {
                        return i < values.length;
                    }

                    @Override
                    public Map.Entry<String, Double> next() {
                        if (i >= values.length) {
                            throw new NoSuchElementException();
                        }
                        Map.Entry<String, Double> e = new AbstractMap.SimpleImmutableEntry<>(names.get(i), values[i]);
                        i++;
                        return e;
                    }
                };
            }

            @Override
            public int size() {
                return values.length;
            }
        };
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof FeatureMap f) {
            return names.equals(f.names) && Arrays.equals(values, f.values);
        }
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }

    /**
     * Collects features in order; the first builder fixes the shared name list. Built with exactly
     * as many values as it was sized for, the map keeps the builder's array without copying it.
     */
    static final class Builder {
        private final String[] names;
        private final double[] values;
        private int n;

        /** @param recordNames whether {@link #names()} will be asked for (the first finding only) */
        Builder(int capacity, boolean recordNames) {
            names = recordNames ? new String[capacity] : null;
            values = new double[capacity];
        }

        Builder put(String name, double v) {
            if (names != null) {
                names[n] = name;
            }
            values[n++] = v;
            return this;
        }

        /** The map; the builder must not be used afterwards. */
        FeatureMap build(List<String> shared) {
            return new FeatureMap(shared, n == values.length ? values : Arrays.copyOf(values, n));
        }

        List<String> names() {
            if (names == null) {
                throw new IllegalStateException("names not recorded");
            }
            return List.of(Arrays.copyOf(names, n));
        }
    }
}
