package nl.clientapp.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import nl.clientapp.dossier.KeysetCursor;
import nl.clientapp.dossier.Page;
import nl.clientapp.dossier.ReportService;
import nl.clientapp.dossier.SqlReader;

/**
 * Reads a client's audit entries newest first, keyset paged on (occurred_at, id), with the
 * names of their actors. The index {@code audit_entry_client_time} serves the query.
 */
@ApplicationScoped
public class AuditLogReader {

    // An app user's name and relation come from their membership of this client, so a stranger
    // whose attempt was denied stays anonymous to the client's administrator.
    private static final String COLUMNS = """
            select a.id, a.occurred_at, a.event, a.action, a.outcome, a.actor_type, a.actor_id, a.actor_role,
                   a.client_id, a.on_behalf_of, a.object_type, a.object_id, a.session_id, a.client_ip,
                   u.name as actor_name, m.relation as actor_relation, o.name as organisation_name
              from audit_entry a
              left join membership m on m.client_id = a.client_id
                                    and m.user_id = case when a.actor_type = 'APP_USER' then a.actor_id::uuid end
              left join app_user u on u.id = m.user_id
              left join integrator_client i on i.id = case when a.actor_type = 'INTEGRATOR' then a.actor_id::uuid end
              left join organisation o on o.id = i.organisation_id
             where a.client_id = ?""";

    @Inject
    SqlReader sql;

    /** Reads one page of a client's entries within a period. */
    public Page<AuditRow> page(UUID clientId, AuditPeriod period, KeysetCursor after, int limit) {
        StringBuilder query = new StringBuilder(COLUMNS);
        List<Object> parameters = new ArrayList<>(List.of(clientId));
        if (period.from() != null) {
            query.append(" and a.occurred_at >= ?");
            parameters.add(period.from());
        }
        if (period.until() != null) {
            query.append(" and a.occurred_at < ?");
            parameters.add(period.until());
        }
        ReportService.appendPage(query, parameters, "a.occurred_at", "a.id", after, limit);
        List<AuditRow> rows = sql.list(query.toString(), AuditLogReader::row, parameters.toArray());
        return Page.of(rows, limit, row -> new KeysetCursor(row.occurredAt(), row.id()));
    }

    /** The organisation of a client and the id of the FHIR Patient the client was created from. */
    public record ClientRef(UUID organisationId, String fhirPatientId) {
    }

    /** Returns the client's organisation and Patient id, or null for an unknown client. */
    public ClientRef client(UUID clientId) {
        List<ClientRef> clients = sql.list("select organisation_id, fhir_patient_id from client where id = ?",
                row -> new ClientRef(row.getObject(1, UUID.class), row.getString(2)), clientId);
        return clients.isEmpty() ? null : clients.get(0);
    }

    private static AuditRow row(ResultSet row) throws SQLException {
        return new AuditRow(
                row.getObject("id", UUID.class),
                SqlReader.instant(row, "occurred_at"),
                row.getString("event"),
                AuditAction.valueOf(row.getString("action")),
                AuditOutcome.valueOf(row.getString("outcome")),
                ActorType.valueOf(row.getString("actor_type")),
                row.getString("actor_id"),
                row.getString("actor_role"),
                row.getObject("client_id", UUID.class),
                row.getObject("on_behalf_of", UUID.class),
                row.getString("object_type"),
                row.getString("object_id"),
                row.getObject("session_id", UUID.class),
                row.getString("client_ip"),
                row.getString("actor_name"),
                row.getString("actor_relation"),
                row.getString("organisation_name"));
    }
}
