package org.beaconwatch.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.io.ReadOptions;
import org.beaconwatch.output.AlertSink;
import org.beaconwatch.score.BeaconDetector;
import org.beaconwatch.score.DetectOptions;
import org.beaconwatch.score.DetectionResult;
import org.beaconwatch.score.Finding;

/**
 * Live detection over a Zeek log directory, driven by the logs' own timestamps.
 *
 * <p>Flows go into a sliding window ({@link FlowWindow}). Every {@code every} of event time, and
 * early when a young channel with regular intervals reaches 6, 8, 10, 12, 16 or 20 connections
 * (at most once per twentieth of {@code every}), the window {@code [T - window, T)} is scored by
 * {@link BeaconDetector#detect(Iterable, DetectOptions)}, the same scorer and options as detect;
 * so at every scoring the findings are exactly detect's findings over that window. Scorings are
 * skipped while no new flow arrived. The whole window is scored, not only the channels that
 * changed, because prevalence and neighbourhood depend on every channel; the channels that changed
 * decide when an early scoring is due ({@link YoungChannels}). {@link AlertTracker} turns the
 * findings into alerts.
 *
 * <p>Checkpoints ({@code checkpoint.bin} in the state folder, written atomically): log positions,
 * the window's flows, the companion uid tables, the alert state, the event clock and the length
 * of the output file and the count of alerts emitted, all taken between two chunks, so they are
 * consistent. A restart truncates the output file to the recorded length and goes on from the
 * recorded positions; since every step is deterministic, it writes exactly what an uninterrupted
 * run writes. On stdout, which cannot be truncated, {@link AlertJournal} passes over what was
 * written after the checkpoint. Started in follow mode without a checkpoint, the rotated logs of
 * the last window are read first ({@link LogFollower#backfillStep}). The format is our
 * own (magic, version, sections, CRC-32: {@link CheckpointFile}), every size checked before
 * allocation.
 */
public final class LiveWatcher {
    /** Progress and warnings (the library never prints). */
    public interface Listener {
        void warning(String message);

        /** After each scoring. */
        default void scored(long eventTime, int flowsInWindow, int findings, int emitted) {
        }
    }

    private final Path dir;
    private final DetectOptions detect;
    private final WatchOptions options;
    private final Path stateDir;
    private final Listener listener;
    private final LogFollower follower;
    private final FlowWindow window;
    private final AlertTracker tracker;
    private final BeaconDetector detector = new BeaconDetector();
    private final YoungChannels young = new YoungChannels();
    private final long windowUs;
    private final long everyUs;
    private final long earlyGapUs;

    private boolean started;
    private long nextTick;
    private long newSinceScore;
    private long lastScore = Long.MIN_VALUE;
    private boolean earlyDue;
    private long late;
    private long maxTs = Long.MIN_VALUE;
    private long outputPosition = -1;
    private long flowsSeen;
    private List<Finding> lastFindings = List.of();
    private long lastScoredAt = Long.MIN_VALUE;
    private AlertSink sink;
    /** Alerts emitted since the state began (the sequence number of the latest one). */
    private long emitted;
    private AlertJournal journal;
    private long lastCheckpointNanos;

    /**
     * Creates the watcher, loading the checkpoint of {@code stateDir} when there is one.
     *
     * @param stateDir folder for checkpoints, or null for none
     */
    public LiveWatcher(Path dir, DetectOptions detect, ReadOptions read, WatchOptions options, Path stateDir,
                       Listener listener) throws IOException {
        this.dir = dir;
        this.detect = detect;
        this.options = options;
        this.stateDir = stateDir;
        this.listener = listener;
        this.follower = new LogFollower(dir, read, listener::warning);
        this.window = new FlowWindow(options.maxFlows());
        this.windowUs = options.windowMicros();
        this.everyUs = options.everyMicros();
        this.earlyGapUs = Math.max(1, everyUs / 20);
        this.tracker = new AlertTracker(options.quietMicros(), windowUs);
        if (stateDir != null && Files.exists(stateDir.resolve(CheckpointFile.NAME))) {
            load(stateDir.resolve(CheckpointFile.NAME));
        }
    }

    /** Length of the output file recorded in the checkpoint, or -1 without one. */
    public long outputPosition() {
        return outputPosition;
    }

    /**
     * Wraps an output that cannot be taken back (stdout) so that a restart after a kill -9 does not
     * write again what it wrote after the last checkpoint ({@link AlertJournal}, in the state
     * folder); without a state folder, {@code out} itself. Call before {@link #follow} or
     * {@link #replay}, at most once.
     */
    public AlertSink exactlyOnce(AlertSink out) throws IOException {
        if (stateDir == null) {
            return out;
        }
        journal = new AlertJournal(out, stateDir, emitted);
        return journal;
    }

    /** Alerts not written again because the journal says they were written before a restart. */
    public long alertsAlreadyWritten() {
        return journal == null ? 0 : journal.skipped();
    }

    /** Findings of the latest scoring (every scored channel, ranked). */
    public List<Finding> lastFindings() {
        return lastFindings;
    }

    /** Event time (epoch µs, exclusive end of the window) of the latest scoring. */
    public long lastScoredAt() {
        return lastScoredAt;
    }

    /** Flows held in the window now. */
    public int flowsInWindow() {
        return window.size();
    }

    /** Channels with alert state. */
    public int alertChannels() {
        return tracker.size();
    }

    /** Flows that arrived older than any future window (not analysed). */
    public long lateFlows() {
        return late;
    }

    /**
     * Reads the folder's logs once in time order as if live, scores the window as time passes and
     * at the end, then returns; or stops early (with a checkpoint) when {@code stop} says so.
     *
     * @param out        where alerts go
     * @param outLength  current length of the output file (recorded in checkpoints), or null
     */
    public void replay(AlertSink out, LongSupplier outLength, BooleanSupplier stop) throws IOException {
        this.sink = out;
        lastCheckpointNanos = System.nanoTime();
        try {
            while (!stop.getAsBoolean()) {
                if (!follower.replayStep(this::accept)) {
                    if (newSinceScore > 0 && started) {
                        score(maxTs + 1);
                    }
                    checkpoint(outLength);
                    return;
                }
                maybeCheckpoint(outLength);
            }
            checkpoint(outLength);
        } finally {
            follower.close();
        }
    }

    /**
     * Follows {@code DIR/current/} until {@code stop} says so, polling every {@code pollMillis}
     * when nothing new was written; checkpoints on the way and before returning.
     */
    public void follow(AlertSink out, LongSupplier outLength, BooleanSupplier stop, long pollMillis)
            throws IOException, InterruptedException {
        this.sink = out;
        lastCheckpointNanos = System.nanoTime();
        try {
            while (!stop.getAsBoolean()) {
                if (follower.backfillStep(windowUs, this::accept)) {
                    maybeCheckpoint(outLength);
                    continue;
                }
                long before = flowsSeen;
                follower.poll(this::accept);
                out.flush();
                maybeCheckpoint(outLength);
                if (flowsSeen == before) {
                    long until = System.currentTimeMillis() + pollMillis;
                    while (!stop.getAsBoolean() && System.currentTimeMillis() < until) {
                        Thread.sleep(Math.min(100, pollMillis));
                    }
                }
            }
            checkpoint(outLength);
        } finally {
            follower.close();
        }
    }

    private void maybeCheckpoint(LongSupplier outLength) throws IOException {
        if (System.nanoTime() - lastCheckpointNanos >= options.checkpointEvery().toNanos()) {
            checkpoint(outLength);
        }
    }

    /** Takes flows in arrival order. */
    void accept(FlowBatch b) throws IOException {
        int n = b.size();
        for (int i = 0; i < n; i++) {
            long t = b.ts[i];
            if (!started) {
                started = true;
                nextTick = (Math.floorDiv(t, everyUs) + 1) * everyUs;
            }
            while (t >= nextTick) {
                tick(nextTick);
                nextTick = newSinceScore == 0 && t >= nextTick + everyUs
                        ? (Math.floorDiv(t, everyUs) + 1) * everyUs : nextTick + everyUs;
            }
            if (t < nextTick - windowUs) {
                late++;
                continue;
            }
            window.add(b, i);
            flowsSeen++;
            newSinceScore++;
            maxTs = Math.max(maxTs, t);
            if (young.arrived(b, i, t)) {
                earlyDue = true;
            }
            if (earlyDue && (lastScore == Long.MIN_VALUE || t + 1 - lastScore >= earlyGapUs)) {
                score(t + 1);
            }
        }
        sink.flush();
    }

    private void tick(long at) throws IOException {
        window.evictBefore(at - windowUs);
        young.evictBefore(at - windowUs);
        if (newSinceScore > 0) {
            score(at);
        }
    }

    private void score(long at) throws IOException {
        List<FlowBatch> batches = window.batches(at - windowUs, at);
        DetectionResult r = detector.detect(batches, detect);
        lastFindings = r.findings();
        lastScoredAt = at;
        lastScore = at;
        earlyDue = false;
        newSinceScore = 0;
        List<AlertTracker.Emission> emit = tracker.update(r.findings(), at);
        for (AlertTracker.Emission e : emit) {
            emitted++;
            sink.emit(e.finding(), e.alert());
        }
        listener.scored(at, window.size(), r.findings().size(), emit.size());
    }

    // ---------------------------------------------------------------- checkpoint

    /** Writes the checkpoint now (no-op without a state folder). */
    public void checkpoint(LongSupplier outLength) throws IOException {
        lastCheckpointNanos = System.nanoTime();
        if (stateDir == null) {
            return;
        }
        if (sink != null) {
            sink.flush();
        }
        StateFile.Out o = CheckpointFile.body();
        o.str(dir.toAbsolutePath().normalize().toString()).i64(windowUs).i64(everyUs);
        o.u8(started ? 1 : 0).i64(nextTick).i64(newSinceScore).i64(lastScore).u8(earlyDue ? 1 : 0).i64(late)
                .i64(maxTs).i64(flowsSeen).i64(lastScoredAt);
        o.i64(outLength == null ? -1 : outLength.getAsLong()).i64(emitted);
        young.save(o);
        tracker.save(o);
        window.save(o);
        follower.save(o);
        CheckpointFile.write(stateDir, o);
        if (journal != null) {
            journal.checkpointed();
        }
    }

    private void load(Path file) throws IOException {
        StateFile.In in = CheckpointFile.read(file);
        String savedDir = in.str();
        String here = dir.toAbsolutePath().normalize().toString();
        if (!here.equals(savedDir)) {
            throw new IOException(file + ": checkpoint belongs to " + savedDir + ", not " + here
                    + "; use another --state folder");
        }
        long w = in.i64();
        long e = in.i64();
        if (w != windowUs || e != everyUs) {
            listener.warning("--window or --every differ from the checkpoint's; they apply from now on");
        }
        started = in.u8() != 0;
        nextTick = in.i64();
        newSinceScore = in.i64();
        lastScore = in.i64();
        earlyDue = in.u8() != 0;
        late = in.i64();
        maxTs = in.i64();
        flowsSeen = in.i64();
        lastScoredAt = in.i64();
        outputPosition = in.i64();
        emitted = in.i64();
        young.load(in);
        tracker.load(in);
        window.load(in);
        follower.load(in);
        if (!in.atEnd()) {
            throw new IOException(file + ": damaged checkpoint (trailing bytes)");
        }
    }
}
