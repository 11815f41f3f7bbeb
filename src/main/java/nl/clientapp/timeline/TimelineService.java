package nl.clientapp.timeline;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import nl.clientapp.access.Role;
import nl.clientapp.dossier.KeysetCursor;
import nl.clientapp.dossier.SqlReader;

/**
 * Reads a client's timeline in one SQL statement per page: the items with their report or
 * measurement joined in. The order is (occurred_at, id), so items with the same time keep one
 * stable order across pages.
 */
@ApplicationScoped
@Transactional
public class TimelineService {

    /** Maximum length of the report text shown in the timeline; the report itself contains the full text. */
    static final int REPORT_TEXT_LENGTH = 300;

    private static final String ITEMS = """
            select t.id, t.kind, t.occurred_at, t.summary, t.author_name,
                   r.id as report_id, r.title as report_title, left(r.sections -> 0 ->> 'text', %d) as report_text,
                   m.id as measurement_id, m.name as measurement_name, m.value as measurement_value,
                   m.unit as measurement_unit, m.value_text as measurement_value_text
              from timeline_item t
              left join report r on t.kind = 'REPORT' and r.id = t.ref_id and r.client_id = t.client_id
              left join measurement m on t.kind = 'MEASUREMENT' and m.id = t.ref_id and m.client_id = t.client_id
             where t.client_id = ?""".formatted(REPORT_TEXT_LENGTH);

    /** Members without full access see only news posts written by app users, never ECD data or photo moments. */
    private static final String NEWS_POSTS_BY_APP_USERS = " and t.kind = 'NEWS_POST' and t.author_user_id is not null";

    @Inject
    SqlReader sql;

    /** Reads the page of items older than {@code before} (or the newest page), newest first. */
    public TimelinePage olderThan(UUID clientId, Role role, KeysetCursor before, int limit) {
        StringBuilder query = new StringBuilder(ITEMS);
        List<Object> parameters = new ArrayList<>(List.of(clientId));
        appendVisibility(query, role);
        if (before != null) {
            query.append(" and (t.occurred_at, t.id) < (?, ?)");
            parameters.add(before.at());
            parameters.add(before.id());
        }
        query.append(" order by t.occurred_at desc, t.id desc limit ?");
        parameters.add(limit + 1);

        List<TimelineItemView> rows = sql.list(query.toString(), TimelineService::item, parameters.toArray());
        boolean hasMore = rows.size() > limit;
        List<TimelineItemView> items = hasMore ? List.copyOf(rows.subList(0, limit)) : rows;
        String next = hasMore ? cursorOf(items.get(items.size() - 1)) : null;
        return new TimelinePage(items, next, hasMore, items.isEmpty() ? null : cursorOf(items.get(0)));
    }

    /** Reads the items newer than {@code since}, oldest first, so the app can continue with the last one. */
    public TimelinePage newerThan(UUID clientId, Role role, KeysetCursor since, int limit) {
        StringBuilder query = new StringBuilder(ITEMS);
        List<Object> parameters = new ArrayList<>(List.of(clientId));
        appendVisibility(query, role);
        query.append(" and (t.occurred_at, t.id) > (?, ?) order by t.occurred_at, t.id limit ?");
        parameters.add(since.at());
        parameters.add(since.id());
        parameters.add(limit + 1);

        List<TimelineItemView> rows = sql.list(query.toString(), TimelineService::item, parameters.toArray());
        boolean hasMore = rows.size() > limit;
        List<TimelineItemView> items = hasMore ? List.copyOf(rows.subList(0, limit)) : rows;
        String latest = items.isEmpty() ? null : cursorOf(items.get(items.size() - 1));
        return new TimelinePage(items, latest == null ? since.encode() : latest, hasMore, latest);
    }

    private static void appendVisibility(StringBuilder query, Role role) {
        if (!role.readsWholeDossier()) {
            query.append(NEWS_POSTS_BY_APP_USERS);
        }
    }

    private static String cursorOf(TimelineItemView item) {
        return new KeysetCursor(item.occurredAt(), item.id()).encode();
    }

    private static TimelineItemView item(ResultSet row) throws SQLException {
        UUID reportId = row.getObject("report_id", UUID.class);
        UUID measurementId = row.getObject("measurement_id", UUID.class);
        TimelineReportView report = reportId == null ? null
                : new TimelineReportView(reportId, row.getString("report_title"), row.getString("report_text"));
        BigDecimal value = row.getBigDecimal("measurement_value");
        TimelineMeasurementView measurement = measurementId == null ? null
                : new TimelineMeasurementView(measurementId, row.getString("measurement_name"), value,
                        row.getString("measurement_unit"), row.getString("measurement_value_text"));
        return new TimelineItemView(
                row.getObject("id", UUID.class),
                row.getString("kind"),
                SqlReader.instant(row, "occurred_at"),
                row.getString("summary"),
                row.getString("author_name"),
                report,
                measurement);
    }
}
