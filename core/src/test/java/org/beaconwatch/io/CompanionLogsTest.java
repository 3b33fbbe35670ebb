package org.beaconwatch.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.beaconwatch.flow.Flow;
import org.beaconwatch.flow.IpAddress;
import org.beaconwatch.flow.NameSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Zeek ssl/http/dns companion logs: names joined by uid, DNS answers indexed by address. */
class CompanionLogsTest {
    @TempDir
    Path tmp;

    private static final String CONN = """
                                       #separator \\x09
                                       #path\tconn
                                       #fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto
                                       1.0\tCa\t10.0.0.1\t1000\t10.0.0.16\t3128\ttcp
                                       2.0\tCb\t10.0.0.1\t1001\t93.184.216.34\t443\ttcp
                                       3.0\tCc\t10.0.0.1\t1002\t93.184.216.34\t80\ttcp
                                       4.0\tCd\t10.0.0.1\t1003\t93.184.216.34\t80\ttcp
                                       """;

    @Test
    void connectBeatsSniAndHostSniAndHostOtherwise() throws IOException {
        Path dir = tmp.resolve("zeek");
        TestData.write(dir, "conn.log", CONN);
        TestData.write(dir, "http.log", """
                                        #separator \\x09
                                        #path\thttp
                                        #fields\tts\tuid\tmethod\thost\turi
                                        1.1\tCa\tCONNECT\tproxy.example\tc2.example.net:443
                                        3.1\tCc\tGET\twww.example.com:8080\t/index.html
                                        """);
                                        TestData.write(dir, "ssl.log", """
                                       {"ts":1.2,"uid":"Ca","id.orig_h":"10.0.0.1","server_name":"inner.example"}
                                       {"ts":2.1,"uid":"Cb","id":{"orig_h":"10.0.0.1"},"server_name":"tls.example.org","cipher":"x"}
                                       """);
        TestData.Result r = TestData.readAll(dir);
        assertThat(r.flows()).extracting(Flow::serverName)
                .containsExactly("c2.example.net", "tls.example.org", "www.example.com", null);
        assertThat(r.flows()).extracting(Flow::nameSource).containsExactly(NameSource.HTTP_CONNECT,
                NameSource.TLS_SNI, NameSource.HTTP_HOST, NameSource.NONE);
        assertThat(r.reports()).extracting(FileReport::format).containsExactly(LogFormat.ZEEK_HTTP,
                LogFormat.ZEEK_SSL, LogFormat.ZEEK_CONN_TSV);
    }

    @Test
    void sslTsvNamesJoinByUidWithEscapesUnsetAndBadRows() throws IOException {
        Path dir = tmp.resolve("zeek");
        TestData.write(dir, "conn.log", CONN);
        TestData.write(dir, "ssl.log", """
                                       #separator \\x09
                                       #unset_field\t-
                                       #path\tssl
                                       #fields\tts\tuid\tid.orig_h\tserver_name\testablished
                                       1.2\tCa\t10.0.0.1\tinner.example\tT
                                       2.1\tCb\t10.0.0.1\ttab\\x09name.example\tT
                                       3.1\tCc\t10.0.0.1\t-\tT
                                       4.1\tCd\t10.0.0.1\ttoo-few-fields.example
                                       """);
        TestData.Result r = TestData.readAll(dir);
        assertThat(r.flows()).extracting(Flow::serverName)
                .containsExactly("inner.example", "tab\tname.example", null, null);
        FileReport ssl = r.reports().get(0);
        assertThat(ssl.format()).isEqualTo(LogFormat.ZEEK_SSL);
        assertThat(ssl.recordsRead()).isEqualTo(3);
        assertThat(ssl.recordsSkipped()).isEqualTo(1);
        assertThat(ssl.examples().get(0)).contains("expected 5 tab-separated fields, found 4");
    }

    @Test
    void manyUidsAllJoinToTheirOwnName() throws IOException {
        Path dir = tmp.resolve("zeek");
        StringBuilder conn = new StringBuilder("""
                                               #separator \\x09
                                               #path\tconn
                                               #fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto
                                               """);
        StringBuilder ssl = new StringBuilder("#separator \\x09\n#path\tssl\n#fields\tts\tuid\tserver_name\n");
        int n = 5000;
        for (int i = 0; i < n; i++) {
            conn.append(i).append(".0\tC").append(Integer.toString(i * 7919, 36)).append("\t10.0.0.1\t")
                    .append(1000 + i % 50000).append("\t93.184.216.34\t443\ttcp\n");
            if (i % 3 != 0) {
                ssl.append(i).append(".1\tC").append(Integer.toString(i * 7919, 36)).append("\th").append(i % 97)
                        .append(".example\n");
            }
        }
        TestData.write(dir, "conn.log", conn.toString());
        TestData.write(dir, "ssl.log", ssl.toString());
        TestData.Result r = TestData.readAll(dir);
        assertThat(r.flows()).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(r.flows().get(i).serverName()).isEqualTo(i % 3 == 0 ? null : "h" + (i % 97) + ".example");
        }
    }

    @Test
    void dnsAnswersGiveNamesForAddresses() throws IOException {
        Path dir = tmp.resolve("zeek");
        TestData.write(dir, "conn.log", CONN);
        TestData.write(dir, "dns.log", """
                                       #separator \\x09
                                       #set_separator\t,
                                       #path\tdns
                                       #fields\tts\tuid\tquery\tqtype_name\tanswers
                                       0.5\tCx\texample.com\tA\twww.example.com,93.184.216.34
                                       0.6\tCy\tv6.example.com\tAAAA\t2001:db8::34
                                       0.7\tCz\tunset.example.com\tA\t-
                                       """);
        TestData.Result r = TestData.readAll(dir);
        assertThat(r.flows()).hasSize(4);
        DnsNames dns = r.source().dnsNames();
        assertThat(dns.namesFor(IpAddress.parse("93.184.216.34"))).containsExactly("example.com");
        assertThat(dns.namesFor(IpAddress.parse("2001:db8::34"))).containsExactly("v6.example.com");
        assertThat(dns.namesFor(IpAddress.parse("10.0.0.16"))).isEmpty();
        assertThat(dns.size()).isEqualTo(2);
    }

    @Test
    void ritaDnsLogIndexesRealAnswers() throws IOException {
        Path dir = TestData.shared("activecm-rita-proxy-beacon-zeek");
        TestData.Result r = TestData.readAll(dir);
        assertThat(r.source().dnsNames().namesFor(IpAddress.parse("104.18.27.211"))).contains("chrome.cloudflare-dns.com");
        assertThat(r.source().dnsNames().namesFor(IpAddress.parse("142.250.105.113"))).contains("contacts.google.com");
        assertThat(r.reports()).filteredOn(rep -> rep.format() == LogFormat.ZEEK_SSL).singleElement()
                .satisfies(rep -> assertThat(rep.recordsSkipped()).isZero());
    }
}
