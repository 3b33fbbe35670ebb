/**
 * The one page renderer of the HTML reports: a shared skeleton (strict Content-Security-Policy,
 * styles, header and footer with the provenance) and the number filters every template uses.
 */
package org.beaconwatch.report.page;
