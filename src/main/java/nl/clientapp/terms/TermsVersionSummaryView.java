package nl.clientapp.terms;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A published terms version as the integration API shows it, without its text.
 *
 * @param effectiveDate the Dutch calendar date on which the version takes effect, at 00:00 Europe/Amsterdam
 * @param acceptedCount how many app users have accepted this version
 */
record TermsVersionSummaryView(UUID id, String versionLabel, LocalDate effectiveDate, Instant publishedAt, long acceptedCount) {
}
