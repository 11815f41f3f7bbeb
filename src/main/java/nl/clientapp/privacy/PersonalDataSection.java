package nl.clientapp.privacy;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What one {@link PersonalDataSource} contributes to an export.
 *
 * @param data a value Jackson serialises into the section, such as a list of records
 * @param files files stored in the ZIP under {@code files/<section>/}, such as photos
 * @param clientIds the clients this section holds data about; the export writes one audit entry per client
 */
public record PersonalDataSection(Object data, List<PersonalDataFile> files, Set<UUID> clientIds) {

    public PersonalDataSection {
        files = List.copyOf(files);
        clientIds = Set.copyOf(clientIds);
    }

    /** Returns a section without files and without client data. */
    public static PersonalDataSection of(Object data) {
        return new PersonalDataSection(data, List.of(), Set.of());
    }
}
