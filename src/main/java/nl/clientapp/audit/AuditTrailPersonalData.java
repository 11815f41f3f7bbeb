package nl.clientapp.audit;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import nl.clientapp.dossier.SqlReader;
import nl.clientapp.privacy.PersonalDataSection;
import nl.clientapp.privacy.PersonalDataSource;

/**
 * The {@code auditTrail} section of a personal-data export: every audit entry with the user as
 * actor. Entries hold ids only, so the section names no other person and no dossier text.
 */
@ApplicationScoped
class AuditTrailPersonalData implements PersonalDataSource {

    record AuditEntryExport(UUID entryId, Instant occurredAt, String event, String action, String outcome, String role,
            UUID clientId, String objectType, String objectId, UUID sessionId, String clientIp) {
    }

    @Inject
    SqlReader sql;

    @Override
    public String section() {
        return "auditTrail";
    }

    // NOTE: the whole trail is read into memory; a user with years of daily use has tens of thousands of entries.
    @Override
    public PersonalDataSection collect(UUID userId) {
        return PersonalDataSection.of(sql.list("""
                select id, occurred_at, event, action, outcome, actor_role, client_id, object_type, object_id,
                       session_id, client_ip
                  from audit_entry
                 where actor_type = 'APP_USER' and actor_id = ?
                 order by occurred_at, id""",
                row -> new AuditEntryExport(row.getObject("id", UUID.class), SqlReader.instant(row, "occurred_at"),
                        row.getString("event"), row.getString("action"), row.getString("outcome"),
                        row.getString("actor_role"), row.getObject("client_id", UUID.class), row.getString("object_type"),
                        row.getString("object_id"), row.getObject("session_id", UUID.class), row.getString("client_ip")),
                userId.toString()));
    }
}
