package org.beaconwatch.io;

/** Input formats Beaconwatch reads; detected from content, never from the file name. */
public enum LogFormat {
    ZEEK_CONN_TSV("Zeek conn.log (TSV)"),
    ZEEK_CONN_JSON("Zeek conn.log (JSON lines)"),
    ZEEK_SSL("Zeek ssl.log"),
    ZEEK_HTTP("Zeek http.log"),
    ZEEK_DNS("Zeek dns.log"),
    ZEEK_OTHER("Zeek log of another type (ignored)"),
    ARGUS_BINETFLOW("Argus binetflow"),
    CSV_BEACON_EVENTS("CSV: per-event beacon profile"),
    CSV_NSL_KDD("CSV: NSL-KDD / KDD'99 profile"),
    CSV_FLOWS("CSV: time,src,dst flow profile"),
    CSV_MAPPED("CSV with --map column mapping");

    private final String description;

    LogFormat(String description) {
        this.description = description;
    }

    /** Plain description for users. */
    public String description() {
        return description;
    }

    /** True for the Zeek companion logs (ssl/http/dns) that enrich connections rather than being flows. */
    public boolean isCompanion() {
        return this == ZEEK_SSL || this == ZEEK_HTTP || this == ZEEK_DNS;
    }
}
