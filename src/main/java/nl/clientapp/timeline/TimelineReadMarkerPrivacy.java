package nl.clientapp.timeline;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import nl.clientapp.dossier.SqlReader;
import nl.clientapp.privacy.AccountErasure;
import nl.clientapp.privacy.AccountErasureStep;
import nl.clientapp.privacy.ClientDataPurgeStep;
import nl.clientapp.privacy.PersonalDataSection;
import nl.clientapp.privacy.PersonalDataSource;

/**
 * The privacy side of timeline read markers (how far each member has read a client's timeline):
 * the {@code timelineReadMarkers} export section, deletion on account erasure, and deletion when
 * the client's data is purged. A marker holds ids and times only.
 */
@ApplicationScoped
class TimelineReadMarkerPrivacy implements PersonalDataSource, AccountErasureStep, ClientDataPurgeStep {

    record ReadMarkerExport(UUID membershipId, UUID clientId, UUID itemId, Instant occurredAt, Instant updatedAt) {
    }

    @Inject
    SqlReader sql;

    @Inject
    EntityManager entityManager;

    @Override
    public String section() {
        return "timelineReadMarkers";
    }

    /** No audit entries: a marker discloses no client data beyond the ids the memberships section holds. */
    @Override
    public PersonalDataSection collect(UUID userId) {
        List<ReadMarkerExport> markers = sql.list("""
                select r.membership_id, m.client_id, r.item_id, r.occurred_at, r.updated_at
                  from timeline_read_marker r
                  join membership m on m.id = r.membership_id
                 where m.user_id = ?
                 order by r.updated_at, r.membership_id""",
                row -> new ReadMarkerExport(row.getObject("membership_id", UUID.class), row.getObject("client_id", UUID.class),
                        row.getObject("item_id", UUID.class), SqlReader.instant(row, "occurred_at"),
                        SqlReader.instant(row, "updated_at")),
                userId);
        return PersonalDataSection.of(markers);
    }

    @Override
    public void erase(AccountErasure erasure) {
        entityManager.createNativeQuery("""
                delete from timeline_read_marker r using membership m where m.id = r.membership_id and m.user_id = ?1""")
                .setParameter(1, erasure.userId())
                .executeUpdate();
    }

    @Override
    public void purge(UUID clientId) {
        entityManager.createNativeQuery("""
                delete from timeline_read_marker r using membership m where m.id = r.membership_id and m.client_id = ?1""")
                .setParameter(1, clientId)
                .executeUpdate();
    }
}
