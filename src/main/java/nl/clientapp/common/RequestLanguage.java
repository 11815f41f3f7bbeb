package nl.clientapp.common;

import java.util.List;
import java.util.Locale;

/**
 * Chooses the language of texts a person reads: Dutch by default, English when the
 * {@code Accept-Language} header prefers it over Dutch.
 */
public final class RequestLanguage {

    public static final Locale DUTCH = Locale.forLanguageTag("nl");
    public static final Locale ENGLISH = Locale.ENGLISH;
    private static final List<Locale> SUPPORTED = List.of(DUTCH, ENGLISH);

    private RequestLanguage() {
    }

    public static Locale fromAcceptLanguage(String header) {
        if (header == null || header.isBlank() || header.length() > 256) {
            return DUTCH;
        }
        try {
            Locale match = Locale.lookup(Locale.LanguageRange.parse(header), SUPPORTED);
            return match == null ? DUTCH : match;
        } catch (IllegalArgumentException e) {
            return DUTCH;
        }
    }

    /** Returns the stored language code ("nl" or "en") of a locale. */
    public static String code(Locale locale) {
        return ENGLISH.getLanguage().equals(locale.getLanguage()) ? "en" : "nl";
    }

    public static Locale fromCode(String code) {
        return "en".equals(code) ? ENGLISH : DUTCH;
    }
}
