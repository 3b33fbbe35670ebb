package org.beaconwatch.ml.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.beaconwatch.table.DataTable;

/**
 * Chooses a feature set by name: {@code event}, {@code record}, {@code entity}, combinations
 * joined by {@code +} (e.g. {@code record+entity}), or {@code auto}: {@code event} for event tables
 * with an {@code inter_event_seconds} column, {@code record+entity} for flows with a time, a
 * source and a destination ({@code entity} alone when no other feature column is left),
 * {@code record} otherwise (e.g. NSL-KDD). {@code channel} is the per-record
 * set applied to per-channel rows of the detection engine (scores and statistics, see
 * {@code org.beaconwatch.ml.ChannelInputs}).
 */
public final class FeatureSets {
    private FeatureSets() {
    }

    /**
     * The feature set named by {@code spec}.
     *
     * @param spec     the name, as given to {@code --features}
     * @param table    the training input (for {@code auto})
     * @param excluded columns never to use as features (the label column, for one)
     */
    public static FeatureSet of(String spec, DataTable table, List<String> excluded) {
        String s = spec == null ? "auto" : spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("auto")) {
            if (EventFeatures.applies(table)) {
                s = "event";
            } else if (EntityTimeFeatures.applies(table)) {
                // entity alone when no column is left for record (the Featuretools export: time, names, label)
                s = new RecordFeatures(excluded).hasFeatures(table) ? "record+entity" : "entity";
            } else {
                s = "record";
            }
        }
        List<FeatureSet> parts = new ArrayList<>();
        for (String p : s.split("\\+", -1)) {
            switch (p.trim()) {
                case "event" -> parts.add(new EventFeatures());
                case "record" -> parts.add(new RecordFeatures(excluded));
                case "channel" -> parts.add(new RecordFeatures(excluded, "channel"));
                case "entity" -> parts.add(new EntityTimeFeatures());
                default -> throw new IllegalArgumentException("unknown feature set '" + p
                        + "': use auto, event, record, entity, channel or a combination such as record+entity");
            }
        }
        return parts.size() == 1 ? parts.get(0) : new CombinedFeatures(parts);
    }
}
