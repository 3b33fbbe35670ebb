package org.beaconwatch.channel;

/** How a channel's destination is identified. */
public enum ChannelKind {
    /** (source, destination address, destination port, protocol). */
    ADDRESS,
    /** (source, server name) from TLS SNI, HTTP Host or HTTP CONNECT target. */
    SERVER_NAME
}
