package nl.clientapp.timeline;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import nl.clientapp.access.Role;
import nl.clientapp.dossier.JsonColumns;
import nl.clientapp.dossier.KeysetCursor;
import nl.clientapp.dossier.SqlReader;
import nl.clientapp.photo.PhotoView;

/**
 * Reads a page of a client's timeline in one SQL statement: the items with their report or
 * measurement joined in and the photos of news posts and photo moments as a JSON array. The order
 * is (occurred_at, id), so items with the same time keep one stable order across pages.
 */
@ApplicationScoped
@Transactional
public class TimelineService {

    /** Maximum length of the report text shown in the timeline; the report itself contains the full text. */
    static final int REPORT_TEXT_LENGTH = 300;
    /** Maximum unread count; the app shows more as "999+". */
    static final int MAX_UNREAD_COUNT = 999;

    /**
     * The select list and the start of the page subquery. The page of items is chosen first by the
     * keyset on {@code timeline_item_client_order}, and only its rows are joined to their report or
     * measurement by primary key, so the cost of a page does not grow with the client's history.
     * Callers append the filters, order and limit of the page, then {@link #JOINS}.
     */
    private static final String PAGE = """
            select t.id, t.kind, t.occurred_at, t.summary, t.author_name, t.updated_at,
                   t.author_user_id is not null and t.author_user_id = ? as own_post,
                   r.id as report_id, r.title as report_title, r.text as report_text,
                   m.id as measurement_id, m.name as measurement_name, m.value as measurement_value,
                   m.unit as measurement_unit, m.value_text as measurement_value_text,
                   case when t.kind in ('NEWS_POST', 'PHOTO_MOMENT') then
                       (select coalesce(json_agg(json_build_object('id', p.id, 'contentType', p.content_type,
                                   'width', p.width, 'height', p.height, 'thumbnailWidth', p.thumbnail_width,
                                   'thumbnailHeight', p.thumbnail_height) order by p.position), '[]')::text
                          from photo p where p.timeline_item_id = t.id)
                   end as photos
              from (select t.id, t.client_id, t.kind, t.occurred_at, t.ref_id, t.summary, t.author_name,
                           t.author_user_id, t.updated_at
                      from timeline_item t
                     where t.client_id = ?""";

    /** Closes the page subquery and joins each item on it to its report or measurement. */
    private static final String JOINS = """
                   ) t
              left join lateral (select r.id, r.title, left(r.sections -> 0 ->> 'text', %d) as text
                                   from report r
                                  where t.kind = 'REPORT' and r.id = t.ref_id and r.client_id = t.client_id) r on true
              left join lateral (select m.id, m.name, m.value, m.unit, m.value_text
                                   from measurement m
                                  where t.kind = 'MEASUREMENT' and m.id = t.ref_id and m.client_id = t.client_id) m on true
            """.formatted(REPORT_TEXT_LENGTH);

    /**
     * Members without full access see only news posts written by app users, never ECD data. Photo moments
     * come from the organisation's system (professionals' photos), so they are not shown to them either.
     */
    static final String NEWS_POSTS_BY_APP_USERS = " and t.kind = 'NEWS_POST' and t.author_user_id is not null";

    @Inject
    SqlReader sql;

    @Inject
    JsonColumns json;

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    /** Reads the page of items older than {@code before} (or the newest page), newest first. */
    public TimelinePage olderThan(UUID clientId, UUID userId, Role role, KeysetCursor before, int limit) {
        StringBuilder query = new StringBuilder(PAGE);
        List<Object> parameters = new ArrayList<>(List.of(userId, clientId));
        appendVisibility(query, role);
        if (before != null) {
            query.append(" and (t.occurred_at, t.id) < (?, ?)");
            parameters.add(before.at());
            parameters.add(before.id());
        }
        appendPageEnd(query, "t.occurred_at desc, t.id desc");
        parameters.add(limit + 1);

        List<TimelineItemView> rows = sql.list(query.toString(), this::item, parameters.toArray());
        boolean hasMore = rows.size() > limit;
        List<TimelineItemView> items = hasMore ? List.copyOf(rows.subList(0, limit)) : rows;
        String next = hasMore ? cursorOf(items.get(items.size() - 1)) : null;
        return new TimelinePage(items, next, hasMore, items.isEmpty() ? null : cursorOf(items.get(0)));
    }

    /** Reads the items newer than {@code since}, oldest first, so the app can continue with the last one. */
    public TimelinePage newerThan(UUID clientId, UUID userId, Role role, KeysetCursor since, int limit) {
        StringBuilder query = new StringBuilder(PAGE);
        List<Object> parameters = new ArrayList<>(List.of(userId, clientId));
        appendVisibility(query, role);
        query.append(" and (t.occurred_at, t.id) > (?, ?)");
        appendPageEnd(query, "t.occurred_at, t.id");
        parameters.add(since.at());
        parameters.add(since.id());
        parameters.add(limit + 1);

        List<TimelineItemView> rows = sql.list(query.toString(), this::item, parameters.toArray());
        boolean hasMore = rows.size() > limit;
        List<TimelineItemView> items = hasMore ? List.copyOf(rows.subList(0, limit)) : rows;
        String latest = items.isEmpty() ? null : cursorOf(items.get(items.size() - 1));
        return new TimelinePage(items, latest == null ? since.encode() : latest, hasMore, latest);
    }

    /**
     * Moves the member's read marker forward to {@code read}; an older cursor than the stored one
     * changes nothing, so two devices of one user never move it back.
     */
    public void markRead(UUID membershipId, KeysetCursor read) {
        entityManager.createNativeQuery("""
                insert into timeline_read_marker (membership_id, occurred_at, item_id, updated_at) values (?1, ?2, ?3, ?4)
                on conflict (membership_id) do update
                set occurred_at = excluded.occurred_at, item_id = excluded.item_id, updated_at = excluded.updated_at
                where (timeline_read_marker.occurred_at, timeline_read_marker.item_id) < (excluded.occurred_at, excluded.item_id)""")
                .setParameter(1, membershipId)
                .setParameter(2, read.at())
                .setParameter(3, read.id())
                .setParameter(4, clock.instant())
                .executeUpdate();
    }

    /** Counts the items after the member's read marker that the role shows, leaving out the member's own posts. */
    public UnreadView unread(UUID clientId, UUID membershipId, UUID userId, Role role) {
        // One statement: the marker, left-joined so a member without one counts every item.
        StringBuilder items = new StringBuilder("select t.id from timeline_item t where t.client_id = ?");
        appendVisibility(items, role);
        items.append(" and (t.author_user_id is null or t.author_user_id <> ?)")
                .append(" and (r.membership_id is null or (t.occurred_at, t.id) > (r.occurred_at, r.item_id))");
        // Counting stops after the cap, so a client with years of items costs one bounded index scan.
        String query = "select r.occurred_at, r.item_id, (select count(*) from (" + items + " limit " + (MAX_UNREAD_COUNT + 1)
                + ") unread) as unread from (select 1) one left join timeline_read_marker r on r.membership_id = ?";
        return sql.list(query, row -> {
            UUID itemId = row.getObject("item_id", UUID.class);
            KeysetCursor marker = itemId == null ? null : new KeysetCursor(SqlReader.instant(row, "occurred_at"), itemId);
            long unread = row.getLong("unread");
            return new UnreadView((int) Math.min(unread, MAX_UNREAD_COUNT), unread > MAX_UNREAD_COUNT,
                    marker == null ? null : marker.encode());
        }, clientId, userId, membershipId).get(0);
    }

    /** Reads one item with {@code ownPost} set for {@code userId}, without the role filter, for the response to a post just written. */
    TimelineItemView item(UUID clientId, UUID userId, UUID itemId) {
        return sql.list(PAGE + " and t.id = ?" + JOINS, this::item, userId, clientId, itemId).get(0);
    }

    /** Appends the page's order and limit, closes the page subquery with {@link #JOINS} and orders the joined rows the same way. */
    private static void appendPageEnd(StringBuilder query, String order) {
        query.append(" order by ").append(order).append(" limit ?").append(JOINS).append(" order by ").append(order);
    }

    static void appendVisibility(StringBuilder query, Role role) {
        if (!role.readsWholeDossier()) {
            query.append(NEWS_POSTS_BY_APP_USERS);
        }
    }

    private static String cursorOf(TimelineItemView item) {
        return new KeysetCursor(item.occurredAt(), item.id()).encode();
    }

    private TimelineItemView item(ResultSet row) throws SQLException {
        UUID reportId = row.getObject("report_id", UUID.class);
        UUID measurementId = row.getObject("measurement_id", UUID.class);
        TimelineReportView report = reportId == null ? null
                : new TimelineReportView(reportId, row.getString("report_title"), row.getString("report_text"));
        BigDecimal value = row.getBigDecimal("measurement_value");
        TimelineMeasurementView measurement = measurementId == null ? null
                : new TimelineMeasurementView(measurementId, row.getString("measurement_name"), value,
                        row.getString("measurement_unit"), row.getString("measurement_value_text"));
        String kind = row.getString("kind");
        boolean newsPost = TimelineItemView.NEWS_POST.equals(kind);
        return new TimelineItemView(
                row.getObject("id", UUID.class),
                kind,
                SqlReader.instant(row, "occurred_at"),
                row.getString("summary"),
                row.getString("author_name"),
                newsPost ? row.getBoolean("own_post") : null,
                newsPost ? SqlReader.instant(row, "updated_at") : null,
                row.getString("photos") == null ? null : json.list(row.getString("photos"), PhotoView.class),
                report,
                measurement);
    }
}
