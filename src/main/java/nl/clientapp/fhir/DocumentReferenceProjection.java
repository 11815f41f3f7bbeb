package nl.clientapp.fhir;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * DocumentReference → {@code document} and {@code document_content}, or a profile section when its
 * type follows the Mijn verhaal / Beeldvorming convention.
 */
@ApplicationScoped
class DocumentReferenceProjection implements Projection {

    @Inject
    EntityManager entityManager;

    @Inject
    ReadModels readModels;

    @Inject
    ReferenceNames names;

    @Inject
    ProfileSections profileSections;

    @Override
    public String resourceType() {
        return "DocumentReference";
    }

    @Override
    public String documentation() {
        return "Document in the client's profile: title (attachment title, else description, else type), category, "
                + "content type, size and content. The content must be inline (attachment data) or a Binary/{id} "
                + "attachment url of a Binary imported here; documents at external URLs are stored but not shown. "
                + "Superseded and entered-in-error documents are not shown. " + ProfileSections.CONVENTION;
    }

    @Override
    public ProjectionOutcome project(UUID organisationId, UUID clientId, Resource resource) {
        DocumentReference document = (DocumentReference) resource;
        String sourceRef = "DocumentReference/" + document.getIdElement().getIdPart();
        if (document.getStatus() == DocumentReferenceStatus.SUPERSEDED) {
            return ProjectionOutcome.skipped("superseded");
        }
        Attachment attachment = document.getContentFirstRep().getAttachment();
        Optional<byte[]> content = content(organisationId, attachment);
        if (content.isEmpty()) {
            return ProjectionOutcome.skipped("no-content");
        }

        Optional<String> profileKind = ProfileSections.kind(List.of(document.getType()));
        if (profileKind.isPresent()) {
            String text = new String(content.get(), StandardCharsets.UTF_8).trim();
            if (text.isEmpty()) {
                return ProjectionOutcome.skipped("no-text");
            }
            profileSections.upsert(clientId, profileKind.get(), sourceRef, text);
            return ProjectionOutcome.PROJECTED;
        }

        String title = attachment.hasTitle() ? attachment.getTitle()
                : document.hasDescription() ? document.getDescription() : FhirValues.display(document.getType());
        Instant createdAt = document.hasDate() ? document.getDate().toInstant()
                : attachment.hasCreation() ? FhirValues.instant(attachment.getCreationElement()) : readModels.now().toInstant();
        String contentType = attachment.hasContentType() ? attachment.getContentType() : "application/octet-stream";

        UUID documentId = (UUID) entityManager.createNativeQuery("""
                insert into document (id, client_id, source_ref, title, category, content_type, size_bytes, created_at, updated_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                on conflict (client_id, source_ref) do update
                set title = excluded.title, category = excluded.category, content_type = excluded.content_type,
                    size_bytes = excluded.size_bytes, created_at = excluded.created_at, updated_at = excluded.updated_at
                returning id""")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, clientId)
                .setParameter(3, sourceRef)
                .setParameter(4, title == null ? "" : title)
                .setParameter(5, FhirValues.display(document.getCategory()))
                .setParameter(6, contentType)
                .setParameter(7, (long) content.get().length)
                .setParameter(8, Timestamp.from(createdAt))
                .setParameter(9, readModels.now())
                .getSingleResult();
        entityManager.createNativeQuery("""
                insert into document_content (document_id, content) values (?1, ?2)
                on conflict (document_id) do update set content = excluded.content""")
                .setParameter(1, documentId)
                .setParameter(2, content.get())
                .executeUpdate();
        return ProjectionOutcome.PROJECTED;
    }

    /** Returns the attachment's bytes: inline data, else the data of an imported Binary it points to. */
    private Optional<byte[]> content(UUID organisationId, Attachment attachment) {
        if (attachment.hasData()) {
            return Optional.of(attachment.getData());
        }
        // Only a relative Binary/{id} url can name a Binary of this organisation; other urls are external.
        if (!attachment.hasUrl() || !attachment.getUrl().startsWith("Binary/")) {
            return Optional.empty();
        }
        return names.resolve(organisationId, new Reference(attachment.getUrl()))
                .filter(Binary.class::isInstance)
                .map(binary -> ((Binary) binary).getData());
    }
}
