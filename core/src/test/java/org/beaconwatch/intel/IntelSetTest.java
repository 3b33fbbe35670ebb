package org.beaconwatch.intel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.beaconwatch.flow.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntelSetTest {

    static String at(IntelSet s, String ip) {
        IpAddress a = IpAddress.parse(ip);
        return s.matchAddress(a.hi(), a.lo());
    }

    @Test
    void plainListsHoldAddressesPrefixesAndDomainsWithComments(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("iocs.txt");
        Files.writeString(f, """
                             # my indicators
                             41.108.179.197
                             185.244.25.0/24 # irc c2 range
                             evil.example.com
                             *.bad.org
                             2001:db8::7

                             ; comment
                             """);
        IntelSet s = IntelSet.load(List.of(f));
        assertThat(s.size()).isEqualTo(5);
        assertThat(at(s, "41.108.179.197")).isEqualTo("iocs.txt");
        assertThat(at(s, "185.244.25.235")).isEqualTo("iocs.txt");
        assertThat(at(s, "185.244.26.1")).isNull();
        assertThat(at(s, "2001:db8::7")).isNotNull();
        assertThat(s.matchDomain("EVIL.example.com.")).isEqualTo("iocs.txt");
        assertThat(s.matchDomain("x.y.evil.example.com")).isEqualTo("iocs.txt");
        assertThat(s.matchDomain("notevil.example.com")).isNull();
        assertThat(s.matchDomain("bad.org")).isNotNull();
    }

    @Test
    void feodoTrackerCsvAndJsonExportsAreRead(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("ipblocklist.csv");
        Files.writeString(csv, """
                               ################################################################
                               # abuse.ch Feodo Tracker Botnet C2 IP Blocklist (CSV)            #
                               ################################################################
                               # "first_seen_utc","dst_ip","dst_port","c2_status","last_online","malware"
                               "2021-01-17 07:44:46","51.178.161.32","4643","online","2024-05-01","Dridex"
                               "2023-06-01 12:00:00","162.243.103.246","8080","offline","2023-06-02","Emotet"
                               # Number of entries: 2
                               """);
        Path json = dir.resolve("ipblocklist.json");
        Files.writeString(json, "[\n {\"ip_address\": \"103.43.75.120\", \"port\": 443, \"status\": \"online\", "
                + "\"hostname\": null, \"as_number\": 7575, \"country\": \"AU\", \"first_seen\": \"2021-05-05 10:00:00\", "
                + "\"last_online\": \"2024-05-01\", \"malware\": \"QakBot\"}\n]\n");
        IntelSet s = IntelSet.load(List.of(csv, json));
        assertThat(s.size()).isEqualTo(3);
        assertThat(at(s, "51.178.161.32")).isEqualTo("ipblocklist.csv, Dridex");
        assertThat(at(s, "162.243.103.246")).isEqualTo("ipblocklist.csv, Emotet");
        assertThat(at(s, "103.43.75.120")).isEqualTo("ipblocklist.json, QakBot");
    }
}
