package nl.clientapp.terms;

import java.time.Instant;
import java.util.UUID;

/** The record that the user accepted a terms version; a repeated acceptance keeps the first time. */
record TermsAcceptanceView(UUID termsVersionId, Instant acceptedAt) {
}
