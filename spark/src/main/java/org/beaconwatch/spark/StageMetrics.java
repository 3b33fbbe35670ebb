package org.beaconwatch.spark;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.StageInfo;

/**
 * Where the time goes, from Spark's own task metrics: per completed stage, its tasks' summed
 * executor run time, CPU time, GC time, shuffle write time and bytes, shuffle read fetch wait and
 * bytes, records read from the input. Printed by {@code --timing}.
 */
final class StageMetrics extends SparkListener {
    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void onStageCompleted(SparkListenerStageCompleted e) {
        StageInfo s = e.stageInfo();
        TaskMetrics m = s.taskMetrics();
        String name = s.name();
        int at = name.indexOf(" at ");
        lines.add(String.format(Locale.ROOT, "stage %3d %-50s tasks %4d  run %8.1f s  cpu %8.1f s  gc %6.1f s  "
                        + "shuffle write %6.1f s %8.1f MB  shuffle read wait %6.1f s %8.1f MB",
                s.stageId(), (at > 0 ? name.substring(0, at) : name), s.numTasks(),
                m.executorRunTime() / 1e3, m.executorCpuTime() / 1e9, m.jvmGCTime() / 1e3,
                m.shuffleWriteMetrics().writeTime() / 1e9, m.shuffleWriteMetrics().bytesWritten() / 1e6,
                m.shuffleReadMetrics().fetchWaitTime() / 1e3,
                m.shuffleReadMetrics().totalBytesRead() / 1e6));
    }

    synchronized void print(PrintStream out) {
        for (String l : lines) {
            out.println(l);
        }
    }
}
