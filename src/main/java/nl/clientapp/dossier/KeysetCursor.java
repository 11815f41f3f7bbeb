package nl.clientapp.dossier;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

import nl.clientapp.common.problem.ProblemException;

/**
 * The key of the last row of a page, (time, id), sent to the app as an opaque cursor: base64url
 * without padding of {@code <ISO-8601 instant>|<uuid>}. The app passes it back unchanged to read
 * the next page.
 *
 * @param at the row's sort time, with the microsecond precision PostgreSQL stores
 * @param id the row's id, which breaks ties between rows with the same time
 */
public record KeysetCursor(Instant at, UUID id) {

    /** Maximum length of an accepted cursor; an encoded key is about 90 characters. */
    private static final int MAX_LENGTH = 200;

    public String encode() {
        String key = at + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes a cursor from a query parameter.
     *
     * @return the key, or null when {@code value} is null or empty
     * @throws ProblemException 400 {@code invalid-cursor} when the value is not a cursor this API issued
     */
    public static KeysetCursor decode(String parameter, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > MAX_LENGTH) {
            throw ProblemException.badRequest("invalid-cursor", parameter);
        }
        try {
            String key = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
            int separator = key.indexOf('|');
            if (separator < 0) {
                throw ProblemException.badRequest("invalid-cursor", parameter);
            }
            return new KeysetCursor(Instant.parse(key.substring(0, separator)), UUID.fromString(key.substring(separator + 1)));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw ProblemException.badRequest("invalid-cursor", parameter);
        }
    }
}
