/**
 * The labelled exploration report ({@code beaconwatch explore --label}): {@link org.beaconwatch.report.Explorer}
 * computes every figure from a {@link org.beaconwatch.table.DataTable}, one class per section, into the records of
 * an {@link org.beaconwatch.report.ExploreResult}; {@link org.beaconwatch.report.ReportWriter} presents it as
 * {@code summary.json} and one self-contained {@code report.html} through the shared
 * {@link org.beaconwatch.report.page.PageRenderer}.
 */
package org.beaconwatch.report;
