package nl.clientapp.fhir;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Media;
import org.hl7.fhir.r4.model.Resource;

import nl.clientapp.common.problem.ProblemException;
import nl.clientapp.photo.ImagePipeline;
import nl.clientapp.photo.PhotoService;
import nl.clientapp.photo.SanitizedImage;

/**
 * Media (a photo a professional took) → a PHOTO_MOMENT timeline item with one photo. The image goes
 * through the same pipeline as app uploads: JPEG or PNG by content, size caps, re-encoded without
 * metadata, with a thumbnail.
 */
@ApplicationScoped
class MediaProjection implements Projection {

    /** Maximum length of a photo moment's caption, as for the text of a news post. */
    static final int MAX_CAPTION_LENGTH = 2000;

    @Inject
    EntityManager entityManager;

    @Inject
    ReadModels readModels;

    @Inject
    ReferenceNames names;

    @Inject
    ImagePipeline pipeline;

    @Inject
    PhotoService photos;

    @Override
    public String resourceType() {
        return "Media";
    }

    @Override
    public String documentation() {
        return "Photo moment on the client's timeline (subject Patient): the image in content.data (base64), JPEG or PNG "
                + "recognised by its content, at most 8 MiB, 12000 pixels on a side and 40 megapixels; it is re-encoded "
                + "without EXIF or other metadata and given a thumbnail. Caption from note, else content.title; time from "
                + "createdDateTime, createdPeriod.start or issued; author from operator. Only status completed is shown; "
                + "an image that is not accepted is stored but not shown. Members with timeline access only do not see "
                + "photo moments.";
    }

    @Override
    public ProjectionOutcome project(UUID organisationId, UUID clientId, Resource resource) {
        Media media = (Media) resource;
        String sourceRef = "Media/" + media.getIdElement().getIdPart();
        if (media.getStatus() != Media.MediaStatus.COMPLETED) {
            return ProjectionOutcome.skipped("media-not-completed");
        }
        Attachment attachment = media.getContent();
        if (!attachment.hasData()) {
            return ProjectionOutcome.skipped("no-content");
        }
        SanitizedImage image;
        try {
            image = pipeline.sanitize(attachment.getData());
        } catch (ProblemException rejected) {
            return ProjectionOutcome.skipped(switch (rejected.status()) {
                case 413 -> "image-too-large";
                case 415 -> "image-type";
                default -> "image-invalid";
            });
        }

        UUID itemId = (UUID) entityManager.createNativeQuery("""
                insert into timeline_item (id, client_id, kind, occurred_at, author_name, summary, source_ref, created_at)
                values (?1, ?2, 'PHOTO_MOMENT', ?3, ?4, ?5, ?6, ?7)
                on conflict (client_id, source_ref) where source_ref is not null do update
                set occurred_at = excluded.occurred_at, author_name = excluded.author_name, summary = excluded.summary
                returning id""")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, clientId)
                .setParameter(3, Timestamp.from(occurredAt(media)))
                .setParameter(4, media.hasOperator() ? names.name(organisationId, media.getOperator()) : null)
                .setParameter(5, caption(media))
                .setParameter(6, sourceRef)
                .setParameter(7, readModels.now())
                .getSingleResult();
        photos.deleteForItems(List.of(itemId));
        photos.addToItem(clientId, itemId, 0, image);
        return ProjectionOutcome.PROJECTED;
    }

    private Instant occurredAt(Media media) {
        if (media.hasCreatedDateTimeType()) {
            return FhirValues.instant(media.getCreatedDateTimeType());
        }
        if (media.hasCreatedPeriod() && media.getCreatedPeriod().hasStart()) {
            return FhirValues.instant(media.getCreatedPeriod().getStartElement());
        }
        if (media.hasIssued()) {
            return media.getIssued().toInstant();
        }
        return readModels.now().toInstant();
    }

    private static String caption(Media media) {
        String notes = media.getNote().stream().filter(Annotation::hasText).map(Annotation::getText).collect(Collectors.joining("\n"));
        String caption = !notes.isBlank() ? notes.strip() : media.getContent().hasTitle() ? media.getContent().getTitle().strip() : null;
        if (caption == null || caption.isEmpty()) {
            return null;
        }
        return caption.codePointCount(0, caption.length()) <= MAX_CAPTION_LENGTH ? caption
                : caption.substring(0, caption.offsetByCodePoints(0, MAX_CAPTION_LENGTH));
    }
}
