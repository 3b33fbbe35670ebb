package org.beaconwatch.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.beaconwatch.flow.IpAddress;
import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void ipv4AndIpv6PrefixesContainWhatTheyShould() {
        Cidr ten = Cidr.parse("10.0.0.0/8");
        assertThat(ten.contains(IpAddress.parse("10.200.3.4"))).isTrue();
        assertThat(ten.contains(IpAddress.parse("11.0.0.1"))).isFalse();
        Cidr ula = Cidr.parse("fc00::/7");
        assertThat(ula.contains(IpAddress.parse("fd12:3456::1"))).isTrue();
        assertThat(ula.contains(IpAddress.parse("fe80::1"))).isFalse();
        assertThat(Cidr.parse("172.16.0.0/12").contains(IpAddress.parse("172.31.255.255"))).isTrue();
        assertThat(Cidr.parse("172.16.0.0/12").contains(IpAddress.parse("172.32.0.0"))).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(IpAddress.parse("8.8.8.8"))).isTrue();
        assertThat(Cidr.parse("0.0.0.0/0").contains(IpAddress.parse("2001:db8::1"))).isFalse();
        assertThat(Cidr.parse("192.168.1.7").contains(IpAddress.parse("192.168.1.7"))).isTrue();
        assertThat(Cidr.parse("10.1.2.3/8").toString()).isEqualTo("10.0.0.0/8");
    }

    @Test
    void badPrefixesAreRejectedWithTheText() {
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> Cidr.parse("example.com/8")).hasMessageContaining("example.com/8");
    }

    @Test
    void allowlistMatchesAddressesNetworksAndDomains() {
        Allowlist a = Allowlist.of(List.of("192.0.2.1", "198.51.100.0/24", "*.example.com", "Update.Vendor.NET."));
        assertThat(a.containsAddress(0, IpAddress.parse("192.0.2.1").lo())).isTrue();
        assertThat(a.containsAddress(0, IpAddress.parse("198.51.100.77").lo())).isTrue();
        assertThat(a.containsAddress(0, IpAddress.parse("192.0.2.2").lo())).isFalse();
        assertThat(a.containsDomain("example.com")).isTrue();
        assertThat(a.containsDomain("a.b.EXAMPLE.com")).isTrue();
        assertThat(a.containsDomain("notexample.com")).isFalse();
        assertThat(a.containsDomain("cdn.update.vendor.net")).isTrue();
        assertThat(a.containsDomain("vendor.net")).isFalse();
    }

    @Test
    void allowlistFileSkipsCommentsAndNamesTheBadLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path f = dir.resolve("allow.txt");
        java.nio.file.Files.writeString(f, "# trusted\n10.9.0.0/16  # lab\n\nntp.example.org\n");
        Allowlist a = Allowlist.load(f);
        assertThat(a.entries()).containsExactly("10.9.0.0/16", "ntp.example.org");
        java.nio.file.Files.writeString(f, "ok.example\nbad entry here\n");
        assertThatThrownBy(() -> Allowlist.load(f)).hasMessageContaining(":2:");
    }
}
