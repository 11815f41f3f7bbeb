package nl.clientapp.timeline;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import nl.clientapp.photo.PhotoView;

/**
 * One item of the timeline.
 *
 * @param id the item's id; for a news post also the post id of editPost and deletePost
 * @param kind NEWS_POST, PHOTO_MOMENT, REPORT or MEASUREMENT
 * @param summary for a news post its whole text; for a photo moment its caption; otherwise a short title
 * @param authorName the app user who wrote a news post, or the professional of a photo moment; null for ECD items
 * @param ownPost for a news post, whether the caller wrote it (and so may edit it); null for other kinds
 * @param editedAt for a news post, when its author last edited it; null when never edited
 * @param photos the photos of a news post or photo moment, in order; null for other kinds
 * @param report a short view of the report, only for REPORT items
 * @param measurement a short view of the measurement, only for MEASUREMENT items
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimelineItemView(UUID id, String kind, Instant occurredAt, String summary, String authorName, Boolean ownPost,
        Instant editedAt, List<PhotoView> photos, TimelineReportView report, TimelineMeasurementView measurement) {

    static final String NEWS_POST = "NEWS_POST";
    static final String PHOTO_MOMENT = "PHOTO_MOMENT";

    TimelineItemView withPhotos(List<PhotoView> itemPhotos) {
        return new TimelineItemView(id, kind, occurredAt, summary, authorName, ownPost, editedAt, itemPhotos, report, measurement);
    }

    boolean hasPhotos() {
        return NEWS_POST.equals(kind) || PHOTO_MOMENT.equals(kind);
    }
}
