package nl.clientapp.privacy;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * A file in a personal-data export, such as a photo the user posted. The content is read while
 * the ZIP is streamed to the user, after the export's transaction, one file at a time, so large
 * files are never all in memory at once.
 *
 * @param name file name inside the section's folder, such as {@code 2f1c….jpg}; letters, digits, dot, dash and underscore only
 * @param content reads the bytes; empty when the file was deleted after the sections were collected, and it is then left out
 */
public record PersonalDataFile(String name, Supplier<Optional<byte[]>> content) {

    public PersonalDataFile {
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,200}") || name.startsWith(".")) {
            throw new IllegalArgumentException("Invalid export file name");
        }
        if (content == null) {
            throw new IllegalArgumentException("No content for export file " + name);
        }
    }

    /** A file whose bytes are already in memory. */
    public PersonalDataFile(String name, byte[] bytes) {
        this(name, () -> Optional.of(bytes));
    }

    /** The path of the file inside the ZIP, to reference it from {@code personal-data.json}. */
    public static String path(String section, String name) {
        return "files/" + section + "/" + name;
    }
}
