package org.beaconwatch.sim;

import java.util.SplittableRandom;

/**
 * Turns "a TCP or UDP connection of these payload sizes ended in this state" into the packet
 * counts, history letters and unset fields Zeek would log. Packet counts assume 1,448-byte
 * segments and one ACK for every two segments received; handshake and FIN packets are added.
 */
final class ConnShapes {
    private ConnShapes() {
    }

    static int ephemeralPort(SplittableRandom r, boolean server) {
        return server ? 32768 + r.nextInt(28232) : 49152 + r.nextInt(16384);
    }

    /** Draws a conn_state: S0 with pS0, REJ with pRej, RSTO with pRsto, RSTR with pRstr, else SF. */
    static byte state(SplittableRandom r, double pS0, double pRej, double pRsto, double pRstr) {
        double u = r.nextDouble();
        if (u < pS0) {
            return ConnEvents.ST_S0;
        }
        u -= pS0;
        if (u < pRej) {
            return ConnEvents.ST_REJ;
        }
        u -= pRej;
        if (u < pRsto) {
            return ConnEvents.ST_RSTO;
        }
        u -= pRsto;
        if (u < pRstr) {
            return ConnEvents.ST_RSTR;
        }
        return ConnEvents.ST_SF;
    }

    private static int segs(long bytes, int per) {
        return (int) ((bytes + per - 1) / per);
    }

    /** Adds a TCP connection; sizes and duration are ignored for S0 and REJ. Returns the row. */
    static int addTcp(ConnEvents ev, SplittableRandom r, long t, int src, int sport, int dst, int dport,
                      boolean localResp, byte svc, byte st, long ob, long rb, long durMicros, int sni, byte tls,
                      int channel) {
        byte flag = localResp ? ConnEvents.F_LOCAL_RESP : 0;
        switch (st) {
            case ConnEvents.ST_S0 -> {
                int op = 1 + (r.nextInt(3) == 0 ? 1 + r.nextInt(2) : 0);
                long dur = op == 1 ? -1 : (op == 2 ? 1_000_000L : 3_000_000L) + r.nextInt(20_000);
                return ev.add(t, src, sport, dst, dport, flag, ConnEvents.SVC_NONE, st, ConnEvents.H_SYN, dur,
                        0, 0, op, 0, -1, (byte) 0, channel);
            }
            case ConnEvents.ST_REJ -> {
                long dur = 200L + r.nextInt(60_000);
                return ev.add(t, src, sport, dst, dport, flag, ConnEvents.SVC_NONE, st, ConnEvents.H_REJ, dur,
                        0, 0, 1, 1, -1, (byte) 0, channel);
            }
            case ConnEvents.ST_RSTO, ConnEvents.ST_RSTR -> {
                int op = 2 + segs(ob, 1448) + segs(rb, 2896);
                int rp = 1 + segs(rb, 1448) + segs(ob, 2896);
                byte h = st == ConnEvents.ST_RSTO ? ConnEvents.H_RSTO : ConnEvents.H_RSTR;
                return ev.add(t, src, sport, dst, dport, flag, svc, st, h, Math.max(1, durMicros), ob, rb, op, rp,
                        sni, tls, channel);
            }
            default -> {
                int op = 3 + segs(ob, 1448) + segs(rb, 2896);
                int rp = 2 + segs(rb, 1448) + segs(ob, 2896);
                byte h = (r.nextInt(4) == 0) ? ConnEvents.H_SF2 : ConnEvents.H_SF;
                return ev.add(t, src, sport, dst, dport, flag, svc, ConnEvents.ST_SF, h, Math.max(1, durMicros), ob,
                        rb, op, rp, sni, tls, channel);
            }
        }
    }

    /** Adds a one-request, one-reply UDP exchange (DNS, NTP); {@code answered=false} logs a lone query. */
    static int addUdp(ConnEvents ev, long t, int src, int sport, int dst, int dport, boolean localResp, byte svc,
                      boolean answered, long ob, long rb, long durMicros, int channel) {
        byte flag = (byte) (ConnEvents.F_UDP | (localResp ? ConnEvents.F_LOCAL_RESP : 0));
        if (!answered) {
            return ev.add(t, src, sport, dst, dport, flag, svc, ConnEvents.ST_S0, ConnEvents.H_UDP_NOREPLY, -1,
                    ob, 0, 1, 0, -1, (byte) 0, channel);
        }
        return ev.add(t, src, sport, dst, dport, flag, svc, ConnEvents.ST_SF, ConnEvents.H_UDP, Math.max(1, durMicros),
                ob, rb, 1, 1, -1, (byte) 0, channel);
    }
}
