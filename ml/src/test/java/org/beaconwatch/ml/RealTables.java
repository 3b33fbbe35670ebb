package org.beaconwatch.ml;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.beaconwatch.io.ReadOptions;
import org.beaconwatch.table.DataTable;

/** Reads shared data files through the real readers into a table (tests skip when data is absent). */
public final class RealTables {
    private RealTables() {
    }

    public static DataTable read(String... relative) throws IOException {
        return sample(0, relative);
    }

    /** At most {@code maxRows} rows of each input (seeded sample; 0 = all). */
    public static DataTable sample(int maxRows, String... relative) throws IOException {
        List<Path> paths = new ArrayList<>();
        for (String r : relative) {
            paths.add(SharedData.data(r));
        }
        return TableInputs.read(paths, ReadOptions.defaults(), maxRows, 1).table();
    }
}
