package org.beaconwatch.table;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelClassesTest {
    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
        "Malicious, malicious, malicious",
        "Benign, benign, normal",
        "Background, background, background",
        "flow=From-Botnet-V42-TCP-CC6-Plain-HTTP-Encrypted-Data, malicious, cc",
        "flow=From-Botnet-V42-UDP-DNS, malicious, malicious",
        "flow=From-Normal-V42-Stribrek, benign, normal",
        "flow=Background-UDP-Established, background, background",
        "C&C, malicious, cc",
        "DDoS, malicious, ddos",
        "PartOfAHorizontalPortScan, malicious, scan",
        "neptune, malicious, malicious",
        "normal, benign, normal",
        "1, malicious, malicious",
        "0, benign, normal",
        "Unknown, unknown, unknown",
        "-, NULL, NULL",
        "A, malicious, malicious",
        "N, benign, normal",
        "n, benign, normal",
        "N/A, unknown, unknown"})
    void readsPublicLabelVocabularies(String label, String binary, String ctu) {
        assertThat(LabelClasses.binaryClass(label)).isEqualTo(binary);
        assertThat(LabelClasses.ctuClass(label)).isEqualTo(ctu);
    }
}
