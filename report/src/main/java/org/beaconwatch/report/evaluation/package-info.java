/**
 * The HTML evaluation section of a model: headline figures, PR and ROC curves, reliability
 * diagram, confusion matrix, per-class figures, cross-validation and the host triage table,
 * rendered by Pebble with autoescaping into one self-contained page.
 */
package org.beaconwatch.report.evaluation;
