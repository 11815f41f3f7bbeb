package nl.clientapp.timeline;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One item of the timeline.
 *
 * @param kind NEWS_POST, PHOTO_MOMENT, REPORT or MEASUREMENT
 * @param authorName the app user who wrote a news post or photo moment; null for items from the ECD
 * @param report a short view of the report, only for REPORT items
 * @param measurement a short view of the measurement, only for MEASUREMENT items
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimelineItemView(UUID id, String kind, Instant occurredAt, String summary, String authorName,
        TimelineReportView report, TimelineMeasurementView measurement) {
}
