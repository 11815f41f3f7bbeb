package nl.clientapp.timeline;

import java.util.UUID;

/**
 * A report as the timeline shows it.
 *
 * @param text the text of the report's first section, shortened to at most 300 characters
 */
public record TimelineReportView(UUID reportId, String title, String text) {
}
