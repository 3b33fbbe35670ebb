package org.beaconwatch.report;

import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.List;
import java.util.Map;

/**
 * Pebble filters {@code num}, {@code p} and {@code pct} for report templates, formatting through the
 * report's one formatter ({@link Fmt}, Locale.ROOT). Non-numbers pass through; null prints empty.
 */
public final class NumberFilters extends AbstractExtension {
    @Override
    public Map<String, Filter> getFilters() {
        return Map.of("num", new F(0), "p", new F(1), "pct", new F(2));
    }

    private static final class F implements Filter {
        private final int kind;

        F(int kind) {
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
                case 0 -> Fmt.num(v);
                case 1 -> Fmt.p(v);
                default -> Fmt.pct(v);
            };
        }
    }
}
