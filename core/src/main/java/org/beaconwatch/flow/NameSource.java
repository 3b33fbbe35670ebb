package org.beaconwatch.flow;

/** Where a flow's server name came from, when a companion log supplied one. */
public enum NameSource {
    /** No server name known. */
    NONE,
    /** TLS Server Name Indication from Zeek ssl.log. */
    TLS_SNI,
    /** HTTP Host header from Zeek http.log. */
    HTTP_HOST,
    /** Target of an HTTP CONNECT through a proxy (http.log method CONNECT): the real destination. */
    HTTP_CONNECT,
    /** A server name given directly by the input (e.g. a CSV column). */
    INPUT;

    private static final NameSource[] BY_CODE = values();

    @SuppressWarnings("EnumOrdinal") // the code stored in byte columns is the declaration order; ofCode inverts it
    public byte code() {
        return (byte) ordinal();
    }

    public static NameSource ofCode(byte code) {
        return BY_CODE[code];
    }
}
