/**
 * Charts for the exploration report, drawn with XChart and inlined as base64 PNG data URIs so
 * the HTML report is one self-contained file.
 */
package org.beaconwatch.report.chart;
