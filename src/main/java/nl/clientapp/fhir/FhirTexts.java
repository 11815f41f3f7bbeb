package nl.clientapp.fhir;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Diagnostics texts of OperationOutcomes, from the bundle {@code messages/fhir}: Dutch in
 * {@code fhir.properties}, English in {@code fhir_en.properties}. Kept apart from the problem texts
 * because FHIR errors use OperationOutcome instead of problem+json.
 */
final class FhirTexts {

    private static final String BUNDLE = "messages.fhir";

    private FhirTexts() {
    }

    static String get(Locale locale, String key, Object... arguments) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        String pattern = bundle.getString(key);
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, locale).format(arguments);
    }
}
