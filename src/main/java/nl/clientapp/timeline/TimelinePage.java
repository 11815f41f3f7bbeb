package nl.clientapp.timeline;

import java.util.List;

/**
 * One page of the timeline.
 *
 * @param items newest first for a page read with {@code cursor}; oldest first for a page read with {@code since}
 * @param nextCursor for a {@code cursor} page, the cursor of the next (older) page, or null on the last page;
 *        for a {@code since} page, the cursor to pass as {@code since} next time, which is the newest item
 *        read so far (or the given {@code since} when nothing is new)
 * @param hasMore whether more items follow in the same direction
 * @param latestCursor the cursor of the newest item in this page, to pass as {@code since} later to read
 *        what is new; null when the page is empty
 */
public record TimelinePage(List<TimelineItemView> items, String nextCursor, boolean hasMore, String latestCursor) {
}
