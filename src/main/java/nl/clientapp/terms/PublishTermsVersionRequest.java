package nl.clientapp.terms;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A new terms version from an integrator.
 *
 * @param versionLabel the organisation's name of the version, for example "november 2026"
 * @param text the full terms as plain text
 * @param effectiveDate the Dutch calendar date on which the version takes effect, today or later
 */
record PublishTermsVersionRequest(
        @NotBlank @Size(max = 100) String versionLabel,
        @NotBlank @Size(max = PublishTermsVersionRequest.MAX_TEXT_LENGTH) String text,
        @NotNull @Schema(description = "Europe/Amsterdam date, today or later; the version takes effect at 00:00 that day") LocalDate effectiveDate) {

    /** Maximum length of the terms text in characters; the terms of use run to a few thousand. */
    static final int MAX_TEXT_LENGTH = 100_000;
}
