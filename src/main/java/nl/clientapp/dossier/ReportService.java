package nl.clientapp.dossier;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Reads reports and measurements from the ECD, newest first, keyset paged on (time, id) so that
 * rows with the same time keep one order. Every query filters on the client whose membership
 * the caller passed, so another client's id finds nothing.
 */
@ApplicationScoped
@Transactional
public class ReportService {

    private static final String REPORT_COLUMNS = "select id, category, title, author_name, sections::text as sections, reported_at from report";

    private static final String MEASUREMENT_COLUMNS = """
            select id, code_system, code, name, value, unit, value_text, components::text as components, measured_at
              from measurement""";

    @Inject
    SqlReader sql;

    @Inject
    JsonColumns json;

    /** Lists a page of reports, optionally of one category. */
    public Page<ReportView> reports(UUID clientId, ReportCategory category, KeysetCursor after, int limit) {
        StringBuilder query = new StringBuilder(REPORT_COLUMNS).append(" where client_id = ?");
        List<Object> parameters = new ArrayList<>(List.of(clientId));
        if (category != null) {
            query.append(" and category = ?");
            parameters.add(category.name());
        }
        appendPage(query, parameters, "reported_at", after, limit);

        List<ReportView> rows = sql.list(query.toString(), this::report, parameters.toArray());
        return Page.of(rows, limit, report -> new KeysetCursor(report.reportedAt(), report.id()));
    }

    public Optional<ReportView> report(UUID clientId, UUID reportId) {
        return sql.list(REPORT_COLUMNS + " where client_id = ? and id = ?", this::report, clientId, reportId)
                .stream().findFirst();
    }

    /** Lists a page of measurements, optionally of one code (such as a LOINC code). */
    public Page<MeasurementView> measurements(UUID clientId, String code, KeysetCursor after, int limit) {
        StringBuilder query = new StringBuilder(MEASUREMENT_COLUMNS).append(" where client_id = ?");
        List<Object> parameters = new ArrayList<>(List.of(clientId));
        if (code != null) {
            query.append(" and code = ?");
            parameters.add(code);
        }
        appendPage(query, parameters, "measured_at", after, limit);

        List<MeasurementView> rows = sql.list(query.toString(), this::measurement, parameters.toArray());
        return Page.of(rows, limit, measurement -> new KeysetCursor(measurement.measuredAt(), measurement.id()));
    }

    /** Appends the keyset condition, the newest-first order and one row more than the page holds. */
    public static void appendPage(StringBuilder query, List<Object> parameters, String timeColumn, KeysetCursor after, int limit) {
        appendPage(query, parameters, timeColumn, "id", after, limit);
    }

    /** As {@link #appendPage(StringBuilder, List, String, KeysetCursor, int)}, for a query whose id column has a qualified name. */
    public static void appendPage(StringBuilder query, List<Object> parameters, String timeColumn, String idColumn, KeysetCursor after,
            int limit) {
        if (after != null) {
            query.append(" and (").append(timeColumn).append(", ").append(idColumn).append(") < (?, ?)");
            parameters.add(after.at());
            parameters.add(after.id());
        }
        query.append(" order by ").append(timeColumn).append(" desc, ").append(idColumn).append(" desc limit ?");
        parameters.add(limit + 1);
    }

    private ReportView report(ResultSet row) throws SQLException {
        return new ReportView(
                row.getObject("id", UUID.class),
                row.getString("category"),
                row.getString("title"),
                row.getString("author_name"),
                SqlReader.instant(row, "reported_at"),
                json.list(row.getString("sections"), ReportSectionView.class));
    }

    private MeasurementView measurement(ResultSet row) throws SQLException {
        return new MeasurementView(
                row.getObject("id", UUID.class),
                row.getString("code_system"),
                row.getString("code"),
                row.getString("name"),
                row.getBigDecimal("value"),
                row.getString("unit"),
                row.getString("value_text"),
                json.list(row.getString("components"), MeasurementComponentView.class),
                SqlReader.instant(row, "measured_at"));
    }
}
