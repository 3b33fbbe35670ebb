/**
 * The exploration report ({@code beaconwatch explore}): {@link org.beaconwatch.report.Explorer}
 * computes every figure from a {@link org.beaconwatch.table.DataTable} into an
 * {@link org.beaconwatch.report.ExploreResult}, and {@link org.beaconwatch.report.ReportWriter}
 * writes it as {@code summary.json} and one self-contained {@code report.html}.
 */
package org.beaconwatch.report;
