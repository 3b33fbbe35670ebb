/**
 * Beacon detection as an Apache Spark job: adapters around core's readers, aggregator, scorer
 * ({@link org.beaconwatch.score.ChannelScoring}) and writers, never a second scorer.
 * {@link org.beaconwatch.spark.SparkDetectCommand} is the entry point of the {@code beaconwatch-spark}
 * launcher and of {@code spark-submit}; {@link org.beaconwatch.spark.SparkDetector} is the job.
 */
package org.beaconwatch.spark;
