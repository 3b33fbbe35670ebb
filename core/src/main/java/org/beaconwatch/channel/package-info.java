/**
 * Channels: flows grouped per (source, destination address, destination port, protocol) or per
 * (source, server name), with the network scope ({@link org.beaconwatch.channel.Cidr}) and
 * allowlist ({@link org.beaconwatch.channel.Allowlist}) that decide which flows are candidates.
 * {@link org.beaconwatch.channel.ChannelAggregator} builds {@link org.beaconwatch.channel.ChannelSeries}
 * in primitive arrays, one per channel, in constant memory per channel.
 */
package org.beaconwatch.channel;
