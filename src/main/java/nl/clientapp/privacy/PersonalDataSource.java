package nl.clientapp.privacy;

import java.util.UUID;

/**
 * One named section of an app user's personal-data export (AVG articles 15 and 20). Every CDI bean
 * implementing this interface is collected by {@link PersonalDataExport}, so a feature that stores
 * personal data about app users (news posts, photos, chat, push tokens) adds its own bean and the
 * export includes it without further changes.
 *
 * <p>A source reads inside the export's transaction and returns only the caller's own data: rows
 * the user wrote or that are about the user, never another person's contact details or key
 * material.
 */
public interface PersonalDataSource {

    /** Key of the section in {@code personal-data.json}, such as {@code memberships}; unique across sources. */
    String section();

    /** Collects the section for one user. */
    PersonalDataSection collect(UUID userId);
}
