package nl.clientapp.privacy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import nl.clientapp.audit.ActorType;
import nl.clientapp.audit.AuditAction;
import nl.clientapp.audit.AuditEntry;
import nl.clientapp.audit.AuditLog;
import nl.clientapp.audit.AuditOutcome;

/**
 * Builds an app user's personal-data export (AVG articles 15 and 20): one ZIP with
 * {@code personal-data.json}, in which every {@link PersonalDataSource} fills one section, and
 * the sources' files under {@code files/<section>/}.
 *
 * <p>The export is a disclosure of client-related data to the user, so it writes one audit entry
 * (action EXPORT) for each client a section reports data about, in the same transaction as the
 * read. Sections that hold only a client's id, such as the audit trail, add none.
 */
@ApplicationScoped
public class PersonalDataExport {

    /** Name of the JSON document in the ZIP. */
    public static final String DOCUMENT_NAME = "personal-data.json";

    /** Value of the document's {@code format} field; raised when a field's meaning changes. */
    static final String FORMAT = "clientapp-personal-data/1";

    /** Event of the audit entry written per client. */
    static final String AUDIT_EVENT = "privacy.personal-data.exported";

    private static final Logger LOG = Logger.getLogger(PersonalDataExport.class);

    @Inject
    @Any
    Instance<PersonalDataSource> sources;

    @Inject
    ObjectMapper objectMapper;

    @Inject
    AuditLog auditLog;

    @Inject
    Clock clock;

    /** The JSON document; sections in the order of their names. */
    record PersonalDataDocument(String format, UUID userId, Instant exportedAt, Map<String, Object> sections) {
    }

    /**
     * Collects every section of the user's data in one transaction, writes the audit entries, and
     * returns the ZIP to stream. The JSON document is complete when this returns; files are read
     * one at a time while the ZIP is written, so photos never sit in memory together.
     */
    @Transactional
    public PersonalDataZip export(UUID userId, UUID sessionId, String clientIp) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Map<String, Object> sections = new LinkedHashMap<>();
        Map<String, List<PersonalDataFile>> files = new LinkedHashMap<>();
        Set<UUID> clientIds = new TreeSet<>();
        for (PersonalDataSource source : sortedSources()) {
            if (sections.containsKey(source.section())) {
                throw new IllegalStateException("Two personal-data sources use section " + source.section());
            }
            PersonalDataSection section = source.collect(userId);
            sections.put(source.section(), section.data());
            files.put(source.section(), section.files());
            clientIds.addAll(section.clientIds());
        }

        for (UUID clientId : clientIds) {
            auditLog.record(new AuditEntry(AUDIT_EVENT, AuditAction.EXPORT, AuditOutcome.SUCCESS, ActorType.APP_USER,
                    userId.toString(), null, clientId, null, "personal-data", userId.toString(), sessionId, clientIp));
        }
        byte[] document;
        try {
            document = objectMapper.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(new PersonalDataDocument(FORMAT, userId, now, sections));
        } catch (IOException e) {
            throw new UncheckedIOException("Writing personal-data.json failed", e);
        }
        int fileCount = files.values().stream().mapToInt(List::size).sum();
        LOG.infof("Exported the personal data of user %s: %d sections, %d files, %d clients", userId, sections.size(),
                fileCount, clientIds.size());
        return new PersonalDataZip(userId, document, files);
    }

    /** The ZIP of one export: the JSON document, then each section's files under {@code files/<section>/}. */
    public record PersonalDataZip(UUID userId, byte[] document, Map<String, List<PersonalDataFile>> files) {

        /** Writes the ZIP; a file deleted since the sections were collected is left out. */
        public void writeTo(OutputStream output) throws IOException {
            ZipOutputStream zip = new ZipOutputStream(output);
            zip.putNextEntry(new ZipEntry(DOCUMENT_NAME));
            zip.write(document);
            zip.closeEntry();
            for (Map.Entry<String, List<PersonalDataFile>> section : files.entrySet()) {
                for (PersonalDataFile file : section.getValue()) {
                    Optional<byte[]> content = file.content().get();
                    if (content.isEmpty()) {
                        LOG.infof("Left file %s of section %s out of the export of user %s: it is gone", file.name(),
                                section.getKey(), userId);
                        continue;
                    }
                    zip.putNextEntry(new ZipEntry(PersonalDataFile.path(section.getKey(), file.name())));
                    zip.write(content.get());
                    zip.closeEntry();
                }
            }
            // finish, not close: the container owns the response stream.
            zip.finish();
        }
    }

    private List<PersonalDataSource> sortedSources() {
        return sources.stream().sorted(Comparator.comparing(PersonalDataSource::section)).toList();
    }
}
