package nl.clientapp.privacy;

/**
 * A file in a personal-data export, such as a photo the user posted.
 *
 * @param name file name inside the section's folder, such as {@code 2f1c….jpg}; letters, digits, dot, dash and underscore only
 * @param content the bytes as stored
 */
public record PersonalDataFile(String name, byte[] content) {

    public PersonalDataFile {
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,200}") || name.startsWith(".")) {
            throw new IllegalArgumentException("Invalid export file name");
        }
    }
}
