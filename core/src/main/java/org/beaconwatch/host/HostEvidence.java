package org.beaconwatch.host;

/**
 * One piece of evidence against an internal host. It carries figures only; its clause is worded
 * by {@code org.beaconwatch.output.Explanations} from {@link #detail()}.
 *
 * @param host   the internal host (source address)
 * @param type   what kind of evidence
 * @param score  in [0, 1], on the same scale as channel scores (0.6 = default alert threshold)
 * @param alert  at or above the alert threshold
 * @param dst    the destination it is about ("3.4.5.6:443", a domain, or "42 addresses"); null: worded by
 *               the detail when asked ({@link Detail#destination()})
 * @param count  how many things it counts (connections, targets, mail servers, queries)
 * @param detail the figures behind it: a channel finding, a DNS tunnel, or one of the records below
 */
public record HostEvidence(String host, EvidenceType type, double score, boolean alert, String dst, long count,
                           Detail detail) {

    /** The destination: as given, or else worded by the detail ({@link Detail#destination()}). */
    @Override
    public String dst() {
        return dst != null || detail == null ? dst : detail.destination();
    }

    /** The figures behind a piece of evidence (implemented by the records that hold them). */
    public interface Detail {
        /**
         * Order between two details of evidence with equal score and type, negative when this one
         * comes first; 0 keeps the order given. A channel finding orders as the channel ranking does
         * (more connections first, then the channel text), so host triage does not depend on the
         * order its evidence arrives in.
         */
        default int compareWithin(Detail other) {
            return 0;
        }

        /**
         * The destination, worded when asked, for evidence made with a null {@code dst} (a channel
         * finding: most never reach the host table, so their text is not made up front).
         */
        default String destination() {
            return null;
        }
    }

    /** A destination address or server name on an indicator list. */
    public record IntelHit(String indicator, String note, int conns) implements Detail {
    }

    /** Many unanswered addresses on one port within {@link ChannelEvidence#SCAN_WINDOW}. */
    public record HorizontalScan(int targets, int port, double failedShare) implements Detail {
    }

    /** Many ports of one address that never answered. */
    public record VerticalScan(int ports, String dst) implements Detail {
    }

    /** Mail sent directly to many mail servers. */
    public record SmtpFanout(int servers) implements Detail {
    }

    /** Many of the host's connections got nothing back. */
    public record FailedConnections(long failed, long conns) implements Detail {
    }

}
