/**
 * A small in-memory table view of flows (numeric and categorical columns with missing values),
 * shared by exploration and modelling, and {@link org.beaconwatch.table.LabelClasses} for reading
 * the many label vocabularies of public data sets.
 */
package org.beaconwatch.table;
