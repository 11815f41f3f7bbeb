package nl.clientapp.photo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import nl.clientapp.common.problem.ProblemException;
import nl.clientapp.dossier.SqlReader;

/**
 * Photos of a client's timeline: uploads by app users (unused until a news post takes them) and
 * photos imported with a photo moment. Every image goes through {@link ImagePipeline}; the bytes
 * go to the {@link PhotoStore}, the metadata to the {@code photo} table.
 */
@ApplicationScoped
public class PhotoService {

    private static final Logger LOG = Logger.getLogger(PhotoService.class);

    // Which photo a caller may see: the caller's own unused upload, or a photo of a timeline item the
    // caller's role shows. Parameters: photo id, client id, user id, whether the role reads the whole dossier.
    private static final String VISIBLE_PHOTO = """
             left join timeline_item t on t.id = p.timeline_item_id
             where p.id = ? and p.client_id = ?
               and ((p.timeline_item_id is null and p.uploaded_by = ?)
                    or (t.id is not null and (? or (t.kind = 'NEWS_POST' and t.author_user_id is not null))))""";

    @Inject
    ImagePipeline pipeline;

    @Inject
    PhotoStore store;

    @Inject
    EntityManager entityManager;

    @Inject
    SqlReader sql;

    @Inject
    Clock clock;

    @Inject
    PhotoConfig config;

    /** Stores an app user's upload for the client; a news post of the same user can then take it. */
    @Transactional
    public PhotoView upload(UUID clientId, UUID userId, byte[] content) {
        SanitizedImage image = pipeline.sanitize(content);
        UUID id = UUID.randomUUID();
        insert(id, clientId, userId, null, null, image);
        LOG.infof("Stored photo %s uploaded for client %s", id, clientId);
        return view(id, image);
    }

    /** Stores an imported photo as part of a timeline item, at {@code position}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public PhotoView addToItem(UUID clientId, UUID timelineItemId, int position, SanitizedImage image) {
        UUID id = UUID.randomUUID();
        insert(id, clientId, null, timelineItemId, position, image);
        return view(id, image);
    }

    /**
     * Makes {@code photoIds}, in this order, the photos of the user's news post. Photos the post had
     * before and no longer lists are deleted.
     *
     * @throws ProblemException 400 {@code unknown-photo} for an id that is not an upload of this user
     *         for this client, unused or already in this post
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void setPostPhotos(UUID clientId, UUID userId, UUID timelineItemId, List<UUID> photoIds) {
        for (UUID photoId : photoIds) {
            List<?> owned = entityManager.createNativeQuery("""
                    select id from photo
                     where id = ?1 and client_id = ?2 and uploaded_by = ?3
                       and (timeline_item_id is null or timeline_item_id = ?4)
                       for update""")
                    .setParameter(1, photoId)
                    .setParameter(2, clientId)
                    .setParameter(3, userId)
                    .setParameter(4, timelineItemId)
                    .getResultList();
            if (owned.isEmpty()) {
                throw ProblemException.badRequest("unknown-photo", photoId);
            }
        }

        List<UUID> dropped = photosOf(timelineItemId).stream().filter(id -> !photoIds.contains(id)).toList();
        delete(dropped);
        for (int position = 0; position < photoIds.size(); position++) {
            entityManager.createNativeQuery("update photo set timeline_item_id = ?1, position = ?2 where id = ?3")
                    .setParameter(1, timelineItemId)
                    .setParameter(2, position)
                    .setParameter(3, photoIds.get(position))
                    .executeUpdate();
        }
    }

    /** Deletes the photos of timeline items, rows and stored bytes, before the items themselves go. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void deleteForItems(List<UUID> timelineItemIds) {
        List<UUID> photos = new ArrayList<>();
        for (UUID itemId : timelineItemIds) {
            photos.addAll(photosOf(itemId));
        }
        delete(photos);
    }

    /** Deletes the user's uploads that no news post took, rows and stored bytes. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int deleteUnusedUploadsOf(UUID userId) {
        @SuppressWarnings("unchecked")
        List<UUID> unused = entityManager.createNativeQuery("""
                select id from photo where uploaded_by = ?1 and timeline_item_id is null for update""", UUID.class)
                .setParameter(1, userId)
                .getResultList();
        delete(unused);
        return unused.size();
    }

    /** Deletes every photo of the client, uploads and imported ones, rows and stored bytes. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int deleteAllOfClient(UUID clientId) {
        @SuppressWarnings("unchecked")
        List<UUID> photos = entityManager.createNativeQuery("select id from photo where client_id = ?1 for update", UUID.class)
                .setParameter(1, clientId)
                .getResultList();
        delete(photos);
        return photos.size();
    }

    /**
     * Reads a rendition of a photo the caller may see: every photo of a timeline item the caller's
     * role shows, and the caller's own unused uploads.
     *
     * @param wholeDossier whether the caller's role reads the whole dossier; otherwise only photos
     *        of news posts written by app users are shown
     */
    @Transactional
    public Optional<PhotoContent> read(UUID clientId, UUID userId, boolean wholeDossier, UUID photoId, PhotoVariant variant) {
        if (store instanceof PostgresPhotoStore) {
            // The bytes are in photo_blob, so one statement checks visibility and reads them.
            return sql.list("select p.content_type, b.content from photo p"
                    + " join photo_blob b on b.photo_id = p.id and b.variant = ?\n" + VISIBLE_PHOTO,
                    row -> new PhotoContent(photoId, ImageFormat.ofMediaType(row.getString("content_type")), row.getBytes("content")),
                    variant.name(), photoId, clientId, userId, wholeDossier).stream().findFirst();
        }
        List<ImageFormat> visible = sql.list("select p.content_type from photo p\n" + VISIBLE_PHOTO,
                row -> ImageFormat.ofMediaType(row.getString("content_type")), photoId, clientId, userId, wholeDossier);
        if (visible.isEmpty()) {
            return Optional.empty();
        }
        return store.get(photoId, variant).map(content -> new PhotoContent(photoId, visible.get(0), content));
    }

    @Scheduled(every = "${clientapp.photos.purge-interval}", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPurge() {
        purgeUnusedUploads();
    }

    /** Deletes uploads that no news post took within {@code clientapp.photos.unused-upload-hours}, and returns how many. */
    @Transactional
    public int purgeUnusedUploads() {
        Instant cutoff = clock.instant().minus(Duration.ofHours(config.unusedUploadHours()));
        @SuppressWarnings("unchecked")
        List<UUID> unused = entityManager.createNativeQuery("""
                select id from photo where timeline_item_id is null and created_at < ?1
                 for update skip locked""", UUID.class)
                .setParameter(1, cutoff)
                .getResultList();
        delete(unused);
        LOG.infof("Deleted %d unused photo uploads", unused.size());
        return unused.size();
    }

    private List<UUID> photosOf(UUID timelineItemId) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = entityManager.createNativeQuery("select id from photo where timeline_item_id = ?1", UUID.class)
                .setParameter(1, timelineItemId)
                .getResultList();
        return ids;
    }

    private void delete(List<UUID> photoIds) {
        for (UUID photoId : new HashSet<>(photoIds)) {
            store.delete(photoId);
            entityManager.createNativeQuery("delete from photo where id = ?1").setParameter(1, photoId).executeUpdate();
        }
    }

    private void insert(UUID id, UUID clientId, UUID userId, UUID timelineItemId, Integer position, SanitizedImage image) {
        entityManager.createNativeQuery("""
                insert into photo (id, client_id, uploaded_by, timeline_item_id, position, content_type, width, height, size_bytes,
                        thumbnail_width, thumbnail_height, thumbnail_size_bytes, created_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)""")
                .setParameter(1, id)
                .setParameter(2, clientId)
                .setParameter(3, userId)
                .setParameter(4, timelineItemId)
                .setParameter(5, position)
                .setParameter(6, image.format().mediaType())
                .setParameter(7, image.width())
                .setParameter(8, image.height())
                .setParameter(9, image.full().length)
                .setParameter(10, image.thumbnailWidth())
                .setParameter(11, image.thumbnailHeight())
                .setParameter(12, image.thumbnail().length)
                .setParameter(13, clock.instant().truncatedTo(ChronoUnit.MICROS))
                .executeUpdate();
        store.put(id, PhotoVariant.FULL, image.full());
        store.put(id, PhotoVariant.THUMBNAIL, image.thumbnail());
    }

    private static PhotoView view(UUID id, SanitizedImage image) {
        return new PhotoView(id, image.format().mediaType(), image.width(), image.height(), image.thumbnailWidth(),
                image.thumbnailHeight());
    }
}
