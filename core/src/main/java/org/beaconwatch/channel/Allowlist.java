package org.beaconwatch.channel;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.beaconwatch.flow.IpAddress;

/**
 * Destinations the analyst trusts: addresses, CIDR prefixes and domain names. A domain entry
 * matches the name itself and every subdomain; {@code *.example.com} matches {@code example.com}
 * too. Matching is case-insensitive and ignores a trailing dot. Applied at analysis time, so
 * changing it needs no re-import.
 */
public final class Allowlist {
    private static final Allowlist EMPTY = new Allowlist(List.of(), Set.of(), List.of());

    private final List<Cidr> networks;
    private final Set<String> domains;
    private final List<String> entries;

    private Allowlist(List<Cidr> networks, Set<String> domains, List<String> entries) {
        this.networks = List.copyOf(networks);
        this.domains = Set.copyOf(domains);
        this.entries = List.copyOf(entries);
    }

    /** The empty allowlist. */
    public static Allowlist empty() {
        return EMPTY;
    }

    /**
     * Builds an allowlist from entries: an address, a CIDR, or a domain ({@code *.x} allowed).
     *
     * @throws IllegalArgumentException for an entry that is none of these
     */
    public static Allowlist of(List<String> entries) {
        List<Cidr> nets = new ArrayList<>();
        Set<String> doms = new HashSet<>();
        List<String> kept = new ArrayList<>();
        for (String raw : entries) {
            String e = raw.trim();
            if (e.isEmpty()) {
                continue;
            }
            kept.add(e);
            if (looksLikeAddress(e)) {
                nets.add(Cidr.parse(e));
            } else {
                doms.add(normaliseDomain(e));
            }
        }
        return new Allowlist(nets, doms, kept);
    }

    /**
     * Loads one entry per line from a UTF-8 file; text after '#' is a comment, blank lines are skipped.
     *
     * @throws IllegalArgumentException naming file and line for a bad entry
     */
    public static Allowlist load(Path file) throws IOException {
        List<String> entries = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                int hash = line.indexOf('#');
                String e = (hash >= 0 ? line.substring(0, hash) : line).trim();
                if (e.isEmpty()) {
                    continue;
                }
                try {
                    of(List.of(e));
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException(file + ":" + n + ": " + ex.getMessage(), ex);
                }
                entries.add(e);
            }
        }
        return of(entries);
    }

    /** This allowlist plus the other one's entries. */
    public Allowlist plus(Allowlist other) {
        List<String> all = new ArrayList<>(entries);
        all.addAll(other.entries);
        return of(all);
    }

    /** The entries as given. */
    public List<String> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** True when the address is allowlisted. */
    public boolean containsAddress(long hi, long lo) {
        for (int i = 0, n = networks.size(); i < n; i++) {
            if (networks.get(i).contains(hi, lo)) {
                return true;
            }
        }
        return false;
    }

    /** True when the name or one of its parent domains is allowlisted. */
    public boolean containsDomain(String name) {
        if (name == null || domains.isEmpty()) {
            return false;
        }
        String n = normaliseDomain(name);
        while (true) {
            if (domains.contains(n)) {
                return true;
            }
            int dot = n.indexOf('.');
            if (dot < 0) {
                return false;
            }
            n = n.substring(dot + 1);
        }
    }

    private static boolean looksLikeAddress(String e) {
        if (e.indexOf(':') >= 0) {
            return true;
        }
        for (int i = 0; i < e.length(); i++) {
            char c = e.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && c != '/') {
                return false;
            }
        }
        return true;
    }

    static String normaliseDomain(String e) {
        String d = e.trim().toLowerCase(Locale.ROOT);
        if (d.startsWith("*.")) {
            d = d.substring(2);
        }
        while (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.isEmpty() || d.indexOf(' ') >= 0 || d.indexOf('/') >= 0 || d.indexOf('*') >= 0) {
            throw new IllegalArgumentException("not an address, CIDR or domain: '" + e + "'");
        }
        return d;
    }

    /** True for addresses that are never beacon destinations: multicast, broadcast, link-local, loopback, unspecified. */
    public static boolean isSpecialAddress(long hi, long lo) {
        if (IpAddress.isNone(hi, lo)) {
            return true;
        }
        if (IpAddress.isV4(hi, lo)) {
            int v4 = (int) lo;
            int a = (v4 >>> 24) & 0xff;
            if (a >= 224 || a == 0 || a == 127) { // multicast, reserved, broadcast, this-network, loopback
                return true;
            }
            return a == 169 && ((v4 >>> 16) & 0xff) == 254; // link-local
        }
        int top = (int) (hi >>> 48) & 0xffff;
        if ((top & 0xff00) == 0xff00 || (top & 0xffc0) == 0xfe80) { // multicast, link-local
            return true;
        }
        return hi == 0L && lo == 1L; // ::1
    }
}
