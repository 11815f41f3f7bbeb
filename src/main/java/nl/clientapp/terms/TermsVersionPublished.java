package nl.clientapp.terms;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Event fired inside the transaction that published a terms version; its observer queues the
 * e-mails in the outbox in that transaction.
 *
 * @param recipients every app user with an active membership of one of the organisation's clients, each once
 */
record TermsVersionPublished(UUID versionId, String organisationName, String versionLabel, LocalDate effectiveDate,
        List<Recipient> recipients) {

    /** An app user to inform, with the language of their e-mails ("nl" or "en"). */
    record Recipient(UUID userId, String email, String language) {
    }
}
