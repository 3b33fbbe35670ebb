package org.beaconwatch.ml;

import java.nio.file.Path;
import java.util.List;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;

/**
 * Captures known to be benign as a whole (a "normal" capture whose label column is empty, such as
 * CTU-Normal-7): rows of those inputs without a label get the label {@code benign}; rows that carry a
 * label keep it. Inputs are named by a part of their file name, as for {@code --split file:NAME}.
 */
public final class BenignCaptures {
    /** The label given. */
    public static final String BENIGN = "benign";

    private BenignCaptures() {
    }

    /**
     * What labelling did.
     *
     * @param table    the table with the label column filled in
     * @param labelled rows that got the benign label
     */
    public record Applied(DataTable table, int labelled) {
    }

    /**
     * Labels the unlabelled rows of the named inputs benign.
     *
     * @param t      rows with {@link DataTable#source(int)} naming their input
     * @param column the label column (created when absent)
     * @param names  parts of input file names; each must name at least one input
     * @throws IllegalArgumentException when a name matches no input
     */
    public static Applied apply(DataTable t, String column, List<String> names) {
        List<String> sources = t.sourceNames();
        boolean[] benign = new boolean[sources.size()];
        for (String n : names) {
            boolean any = false;
            for (int s = 0; s < sources.size(); s++) {
                Path p = Path.of(sources.get(s)).getFileName();
                String file = p == null ? sources.get(s) : p.toString();
                if (file.contains(n) || sources.get(s).contains(n)) {
                    benign[s] = true;
                    any = true;
                }
            }
            if (!any) {
                throw new IllegalArgumentException("--benign-capture " + n + " names no input (inputs: "
                        + String.join(", ", sources) + ")");
            }
        }
        Column base = t.column(column).orElse(null);
        String[] out = new String[t.rows()];
        int k = 0;
        for (int r = 0; r < out.length; r++) {
            boolean has = base != null && !base.isMissing(r) && !base.text(r).isBlank();
            if (has) {
                out[r] = base.text(r);
            } else if (benign[t.source(r)]) {
                out[r] = BENIGN;
                k++;
            }
        }
        String name = base == null ? column : base.name();
        return new Applied(t.with(new Column.Categorical(name, Column.Role.LABEL, out)), k);
    }
}
