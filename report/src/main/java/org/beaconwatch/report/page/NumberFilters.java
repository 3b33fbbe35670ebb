package org.beaconwatch.report.page;

import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.List;
import java.util.Map;
import org.beaconwatch.output.Numbers;

/**
 * Pebble filters {@code num}, {@code count}, {@code p} and {@code pct} for the report templates; each
 * delegates to the product's one formatter, {@link Numbers}, so a figure prints the same on every
 * page. Non-numbers pass through; null prints empty.
 */
public final class NumberFilters extends AbstractExtension {
    private enum Kind { NUM, COUNT, P, PCT }

    @Override
    public Map<String, Filter> getFilters() {
        return Map.of("num", new F(Kind.NUM), "count", new F(Kind.COUNT), "p", new F(Kind.P), "pct", new F(Kind.PCT));
    }

    private static final class F implements Filter {
        private final Kind kind;

        F(Kind kind) {
            this.kind = kind;
        }

        @Override
        public List<String> getArgumentNames() {
            return List.of();
        }

        @Override
        public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                            int lineNumber) {
            if (!(input instanceof Number n)) {
                return input == null ? "" : input;
            }
            double v = n.doubleValue();
            return switch (kind) {
                case NUM -> Numbers.num(v);
                case COUNT -> Numbers.count(n.longValue());
                case P -> Numbers.p(v);
                case PCT -> Numbers.pct(v);
            };
        }
    }
}
