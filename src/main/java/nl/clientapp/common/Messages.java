package nl.clientapp.common;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Texts people read (problem titles and details, e-mails, SMS), from the bundle
 * {@code messages/texts}: Dutch in {@code texts.properties}, English in {@code texts_en.properties}.
 */
public final class Messages {

    private static final String BUNDLE = "messages.texts";

    private Messages() {
    }

    public static String get(Locale locale, String key, Object... arguments) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        // A key missing from the English bundle falls back to its Dutch parent.
        String pattern = bundle.getString(key);
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, locale).format(arguments);
    }
}
