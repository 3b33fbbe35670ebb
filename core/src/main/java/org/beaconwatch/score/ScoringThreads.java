package org.beaconwatch.score;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.beaconwatch.channel.ChannelAggregator;
import org.beaconwatch.channel.ChannelContext;
import org.beaconwatch.channel.ChannelSeries;
import org.beaconwatch.channel.ChannelSources;
import org.beaconwatch.host.ChannelEvidence;
import org.beaconwatch.io.WorkerFailure;

/**
 * The threads that score: every channel of an aggregator scored on every core
 * ({@link #scoreChannels}), and the small helpers the detection run starts its other threads with.
 * A failure on a thread is rethrown on the calling thread, and no thread outlives the call that
 * started it (or, for {@link #startIfThreads}, the caller's wait for it).
 */
final class ScoringThreads {
    private ScoringThreads() {
    }

    /**
     * Scores every channel of the aggregator on {@code options.threads()} threads, one partition of
     * channels at a time (several only when flows spilled to disk): {@code out[i]} gets channel
     * i's finding (null: too small), {@code counts} its host-evidence figures and {@code starts} its
     * connection starts when its finding needs them for co-timed companions.
     */
    static void scoreChannels(ChannelAggregator agg, ChannelContext context, DetectOptions options, Finding[] out,
                              ChannelEvidence.Counts counts, long[][] starts) {
        scoreChannels(agg, context, options, out, counts, starts, null, false);
    }

    /**
     * What the peer cohort and the score modifiers read of every finding, recorded while each is
     * scored and its objects are at hand, so that those passes over all findings read flat arrays.
     */
    static final class Seen {
        /** Per channel, {@link PeerCohort#memberPeriod} of its finding. */
        final double[] period;
        /** First and last connection over all findings. */
        final AtomicLong first = new AtomicLong(Long.MAX_VALUE), last = new AtomicLong(Long.MIN_VALUE);

        Seen(int channels) {
            period = new double[channels];
        }
    }

    /** Channels a scoring thread takes between two frees of the flows of built channels. */
    static final int FREE_EVERY = 8192;

    /**
     * As {@link #scoreChannels(ChannelAggregator, ChannelContext, DetectOptions, Finding[], ChannelEvidence.Counts, long[][])},
     * filling {@code seen} (may be null); with {@code freeBuilt}, the flows of channels already built
     * are freed as scoring goes on (nothing may build a channel afterwards).
     */
    static void scoreChannels(ChannelAggregator agg, ChannelContext context, DetectOptions options, Finding[] out,
                              ChannelEvidence.Counts counts, long[][] starts, Seen seen, boolean freeBuilt) {
        int internalSources = context.internalSources();
        ChannelSources sources = context.sources();
        AddressTexts dsts = new AddressTexts(agg.destinationCount());
        for (int p = 0, np = agg.partitions(); p < np; p++) {
            ChannelAggregator.Partition part = agg.partition(p);
            int[] ids = part.channels();
            AtomicInteger next = new AtomicInteger();
            AtomicReference<RuntimeException> failure = new AtomicReference<>();
            int threads = Math.min(options.threads(), Math.max(1, ids.length / 64));
            // each thread's channel now (by position in ids): every channel before the lowest is
            // built, so its flows can be freed while the rest are scored
            AtomicIntegerArray building = new AtomicIntegerArray(threads);
            AtomicInteger slots = new AtomicInteger();
            Runnable work = () -> {
                int slot = slots.getAndIncrement();
                long first = Long.MAX_VALUE, last = Long.MIN_VALUE;
                int k;
                while ((k = next.getAndIncrement()) < ids.length && failure.get() == null) {
                    building.set(slot, k);
                    if (freeBuilt && k % FREE_EVERY == 0) {
                        int low = k;
                        for (int t = 0; t < threads; t++) {
                            low = Math.min(low, building.get(t));
                        }
                        part.builtBefore(low);
                    }
                    int i = ids[k];
                    try {
                        ChannelSeries c = part.series(i);
                        Finding f = ChannelScoring.score(c, context.prevalence()[i], internalSources,
                                context.siblings()[i], options, sources.name(sources.of(i)), dsts);
                        out[i] = f;
                        counts.record(i, c);
                        starts[i] = ChannelScoring.rankingStarts(c, f);
                        if (f != null && seen != null) {
                            seen.period[i] = PeerCohort.memberPeriod(f);
                            first = Math.min(first, f.firstSeen());
                            last = Math.max(last, f.lastSeen());
                        }
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                }
                if (seen != null) {
                    long f0 = first, l0 = last;
                    seen.first.accumulateAndGet(f0, Math::min);
                    seen.last.accumulateAndGet(l0, Math::max);
                }
            };
            runOnThreads(work, threads, "beaconwatch-score-");
            if (failure.get() != null) {
                throw failure.get();
            }
        }
    }

    /**
     * Runs {@code a} on the calling thread and {@code b} on a thread of its own at the same time (one
     * after the other with fewer than two threads), waits for both and rethrows a failure of either.
     */
    static void bothAtOnce(int threads, Runnable a, Runnable b) {
        if (threads < 2) {
            a.run();
            b.run();
            return;
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                b.run();
            } catch (RuntimeException | Error e) {
                failure.set(e);
            }
        }, "beaconwatch-context");
        t.setDaemon(true);
        t.start();
        Throwable f = null;
        try {
            a.run();
        } catch (RuntimeException | Error e) {
            f = e;
        }
        WorkerFailure.joinUninterruptibly(t); // b is short: wait for it, so that no thread outlives the run
        f = f != null ? f : failure.get();
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error er) {
            throw er;
        }
    }

    /** Starts {@code task} on a daemon thread of its own with more than one thread; null with one. */
    static Thread startIfThreads(int threads, Runnable task, String name) {
        if (threads < 2) {
            return null;
        }
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Runs {@code work} on the calling thread and {@code threads - 1} more, and waits for them all. */
    static void runOnThreads(Runnable work, int threads, String name) {
        List<Thread> ts = new ArrayList<>();
        for (int k = 1; k < threads; k++) {
            Thread t = new Thread(work, name + k);
            t.setDaemon(true);
            t.start();
            ts.add(t);
        }
        work.run();
        for (Thread t : ts) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while scoring", e);
            }
        }
    }
}
