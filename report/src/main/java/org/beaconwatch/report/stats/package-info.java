/**
 * Statistics for exploration that Apache Commons Statistics does not provide: effect sizes
 * (Cliff's delta, Cramer's V), multiple-testing corrections, robust outlier rules and rank
 * correlation. Inference (Mann-Whitney U, Kolmogorov-Smirnov, chi-square) comes from Commons
 * Statistics and is wrapped in {@link org.beaconwatch.report.stats.Tests}.
 */
package org.beaconwatch.report.stats;
