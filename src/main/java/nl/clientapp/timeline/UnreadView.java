package nl.clientapp.timeline;

/**
 * How many timeline items the caller has not read.
 *
 * @param unreadCount items newer than the read marker that the caller's role shows, leaving out the caller's own
 *        posts; at most {@link TimelineService#MAX_UNREAD_COUNT}
 * @param countCapped whether more items are unread than unreadCount shows
 * @param readCursor the read marker as a cursor, to pass as since; null when the caller never set one
 */
public record UnreadView(int unreadCount, boolean countCapped, String readCursor) {
}
