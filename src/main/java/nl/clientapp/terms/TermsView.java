package nl.clientapp.terms;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The terms of use that apply to the signed-in user: those of every organisation whose clients
 * the user follows.
 *
 * @param acceptanceRequired true while the user has not accepted a version in effect, so every
 *        other app call gets 403 terms-not-accepted
 */
record TermsView(boolean acceptanceRequired, List<OrganisationTerms> organisations) {

    /**
     * One organisation's terms for the user.
     *
     * @param current the latest version whose effective date has passed, or null before the first takes effect
     * @param upcoming the next published version that is not yet in effect, or null
     */
    record OrganisationTerms(String organisationName, TermsVersionView current, TermsVersionView upcoming) {
    }

    /**
     * A terms version with its text and the user's acceptance.
     *
     * @param effectiveDate the Dutch calendar date on which the version takes effect, at 00:00 Europe/Amsterdam
     * @param acceptedAt when the user accepted the version, or null
     */
    record TermsVersionView(UUID id, String versionLabel, LocalDate effectiveDate, String text, boolean accepted,
            Instant acceptedAt) {
    }
}
