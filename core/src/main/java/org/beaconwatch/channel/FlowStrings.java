package org.beaconwatch.channel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Dense ids for the strings of kept flows, each interned once per distinct string: server names
 * (names differing only in case share one id, and one channel; each with its allowlist verdict)
 * and labels. Shared by an aggregator and the aggregators of its source partitions, which only
 * read it (their rows carry the ids).
 */
final class FlowStrings {
    private final Allowlist allowlist;
    private final Map<String, Integer> nameIds = new HashMap<>();
    /** Server names by id, lower case. */
    private final List<String> names = new ArrayList<>();
    private boolean[] nameAllowlisted = new boolean[16];
    private final Map<String, Integer> labelIds = new HashMap<>();
    private final List<String> labels = new ArrayList<>();

    FlowStrings(Allowlist allowlist) {
        this.allowlist = allowlist;
    }

    /** The id of a server name (not null, empty or "-"), made on first sight. */
    int nameId(String name) {
        Integer id = nameIds.get(name);
        if (id != null) {
            return id;
        }
        int n = names.size();
        String canonical = name.toLowerCase(Locale.ROOT);
        // names differing only in case share one channel
        Integer same = nameIds.get(canonical);
        if (same != null) {
            nameIds.put(name, same);
            return same;
        }
        names.add(canonical);
        nameIds.put(canonical, n);
        nameIds.put(name, n);
        if (n >= nameAllowlisted.length) {
            nameAllowlisted = Arrays.copyOf(nameAllowlisted, n * 2);
        }
        nameAllowlisted[n] = allowlist.containsDomain(canonical);
        return n;
    }

    /** Whether the allowlist holds server name {@code nameId}. */
    boolean nameAllowlisted(int nameId) {
        return nameAllowlisted[nameId];
    }

    /** The id of a label, made on first sight; -1 for none (null, empty or "-"). */
    int labelId(String label) {
        if (label == null || label.isEmpty() || "-".equals(label)) {
            return -1;
        }
        Integer id = labelIds.get(label);
        if (id != null) {
            return id;
        }
        int n = labels.size();
        labels.add(label);
        labelIds.put(label, n);
        return n;
    }

    /** Server names by id (a live view: grows as names are added). */
    List<String> names() {
        return names;
    }

    /** Labels by id, as they are now. */
    String[] labels() {
        return labels.toArray(new String[0]);
    }

    /** For each of {@code other}'s name ids, this one's id of the same name (made if new). */
    int[] nameIdsOf(FlowStrings other) {
        int[] map = new int[other.names.size()];
        for (int i = 0; i < map.length; i++) {
            map[i] = nameId(other.names.get(i));
        }
        return map;
    }

    /** For each of {@code other}'s label ids, this one's id of the same label (made if new). */
    int[] labelIdsOf(FlowStrings other) {
        int[] map = new int[other.labels.size()];
        for (int i = 0; i < map.length; i++) {
            map[i] = labelId(other.labels.get(i));
        }
        return map;
    }
}
