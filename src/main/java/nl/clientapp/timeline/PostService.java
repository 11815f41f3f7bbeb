package nl.clientapp.timeline;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import nl.clientapp.access.ClientAudience;
import nl.clientapp.access.Role;
import nl.clientapp.common.problem.ProblemException;
import nl.clientapp.notification.NotificationKind;
import nl.clientapp.notification.Outbox;
import nl.clientapp.notification.UserNotifications;
import nl.clientapp.notification.WebhookEvent;
import nl.clientapp.photo.PhotoService;

/**
 * News posts of app users on a client's timeline. Any member may post; only the author edits a
 * post; the author or an administrator of the client deletes it. A news post is a
 * {@code timeline_item} of kind NEWS_POST, so it joins the timeline's one keyset order.
 */
@ApplicationScoped
class PostService {

    /** Maximum length of a post's text in characters (Unicode code points). */
    static final int MAX_TEXT_LENGTH = 2000;
    /** Maximum number of photos in one post. */
    static final int MAX_PHOTOS = 4;

    private static final Logger LOG = Logger.getLogger(PostService.class);
    private static final UserNotifications.Texts NEWS_TEXTS = new UserNotifications.Texts("push.news.title", "push.news.body",
            "mail.news.subject", "mail.news.text");

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    @Inject
    PhotoService photos;

    @Inject
    TimelineService timeline;

    @Inject
    Outbox outbox;

    @Inject
    ClientAudience audience;

    @Inject
    UserNotifications userNotifications;

    @Transactional
    TimelineItemView create(UUID clientId, UUID userId, PostRequest request) {
        String text = validText(request);
        List<UUID> photoIds = validPhotoIds(request);

        UUID id = UUID.randomUUID();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        entityManager.createNativeQuery("""
                insert into timeline_item (id, client_id, kind, occurred_at, author_user_id, author_name, summary, created_at)
                select ?1, ?2, 'NEWS_POST', ?3, u.id, u.name, ?4, ?3 from app_user u where u.id = ?5""")
                .setParameter(1, id)
                .setParameter(2, clientId)
                .setParameter(3, now)
                .setParameter(4, text)
                .setParameter(5, userId)
                .executeUpdate();
        photos.setPostPhotos(clientId, userId, id, photoIds);
        notifyPost(clientId, userId, id);
        LOG.infof("Created news post %s for client %s with %d photos", id, clientId, photoIds.size());
        return timeline.item(clientId, userId, id);
    }

    /**
     * Queues, in the post's transaction, a NEWS push and e-mail to every other member who may see
     * the post (a news post by an app user is visible to every role) as their preferences allow,
     * and the webhook. Neither carries the text or a name, only ids.
     */
    private void notifyPost(UUID clientId, UUID authorId, UUID postId) {
        Map<String, String> data = Map.of("clientId", clientId.toString(), "postId", postId.toString());
        List<UUID> others = audience.members(clientId, EnumSet.allOf(Role.class)).stream()
                .filter(userId -> !userId.equals(authorId))
                .toList();
        userNotifications.notifyUsers(others, NotificationKind.NEWS, NEWS_TEXTS, data);
        outbox.webhookForClient(clientId, WebhookEvent.TIMELINE_POST_CREATED, Map.<String, Object>of("clientId", clientId.toString(), "postId", postId.toString()));
    }

    /**
     * Replaces the text and photos of the caller's own post; its place in the timeline stays.
     *
     * @throws ProblemException 404 for no such news post of the client, 403 {@code not-post-author}
     *         for a post of another member
     */
    @Transactional
    TimelineItemView edit(UUID clientId, UUID userId, UUID postId, PostRequest request) {
        String text = validText(request);
        List<UUID> photoIds = validPhotoIds(request);
        if (!userId.equals(lockAuthor(clientId, postId))) {
            throw new ProblemException(403, "not-post-author");
        }

        entityManager.createNativeQuery("update timeline_item set summary = ?1, updated_at = ?2 where id = ?3")
                .setParameter(1, text)
                .setParameter(2, clock.instant().truncatedTo(ChronoUnit.MICROS))
                .setParameter(3, postId)
                .executeUpdate();
        photos.setPostPhotos(clientId, userId, postId, photoIds);
        LOG.infof("Edited news post %s", postId);
        return timeline.item(clientId, userId, postId);
    }

    /**
     * Deletes a post with its photos: the author's own, or any post when the caller is an administrator.
     *
     * @throws ProblemException 404 for no such news post of the client, 403 {@code not-post-author}
     *         for a post of another member when the caller is no administrator
     */
    @Transactional
    void delete(UUID clientId, UUID userId, Role role, UUID postId) {
        UUID author = lockAuthor(clientId, postId);
        if (!userId.equals(author) && role != Role.FULL_ACCESS_ADMIN) {
            throw new ProblemException(403, "not-post-author");
        }

        remove(List.of(postId));
        LOG.infof("Deleted news post %s of client %s", postId, clientId);
    }

    /**
     * Deletes every news post the user wrote, with its photos, and the user's photo uploads that
     * no post took yet: the removal of an erased account's own content, in the caller's transaction.
     *
     * @return how many posts were deleted
     */
    @Transactional(Transactional.TxType.MANDATORY)
    int deleteAllOf(UUID userId) {
        @SuppressWarnings("unchecked")
        List<UUID> posts = entityManager.createNativeQuery("""
                select id from timeline_item where author_user_id = ?1 and kind = 'NEWS_POST' order by id for update""", UUID.class)
                .setParameter(1, userId)
                .getResultList();
        remove(posts);
        photos.deleteUnusedUploadsOf(userId);
        return posts.size();
    }

    /** The one way posts go: their photos (rows and stored bytes) first, then the timeline items. */
    private void remove(List<UUID> postIds) {
        if (postIds.isEmpty()) {
            return;
        }
        photos.deleteForItems(postIds);
        entityManager.createNativeQuery("delete from timeline_item where id in (?1)").setParameter(1, postIds).executeUpdate();
    }

    /** Locks a news post of the client and returns its author; every member may see news posts of app users. */
    private UUID lockAuthor(UUID clientId, UUID postId) {
        List<?> rows = entityManager.createNativeQuery("""
                select author_user_id from timeline_item
                 where id = ?1 and client_id = ?2 and kind = 'NEWS_POST' and author_user_id is not null
                   for update""")
                .setParameter(1, postId)
                .setParameter(2, clientId)
                .getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound();
        }
        return (UUID) rows.get(0);
    }

    private static String validText(PostRequest request) {
        String text = request.text() == null ? "" : request.text().strip();
        if (text.codePointCount(0, text.length()) > MAX_TEXT_LENGTH) {
            throw ProblemException.badRequest("post-text-too-long", MAX_TEXT_LENGTH);
        }
        boolean noPhotos = request.photoIds() == null || request.photoIds().isEmpty();
        if (text.isEmpty() && noPhotos) {
            throw ProblemException.badRequest("post-empty");
        }
        return text;
    }

    private static List<UUID> validPhotoIds(PostRequest request) {
        List<UUID> photoIds = request.photoIds() == null ? List.of() : request.photoIds();
        if (photoIds.size() > MAX_PHOTOS) {
            throw ProblemException.badRequest("too-many-photos", MAX_PHOTOS);
        }
        if (photoIds.stream().anyMatch(Objects::isNull) || new HashSet<>(photoIds).size() != photoIds.size()) {
            throw ProblemException.badRequest("invalid-photo-ids");
        }
        return photoIds;
    }
}
