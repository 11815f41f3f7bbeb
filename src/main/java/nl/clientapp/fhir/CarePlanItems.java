package nl.clientapp.fhir;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** Upserts rows of {@code care_plan_item}, shared by the CarePlan and Goal projections. */
@ApplicationScoped
class CarePlanItems {

    /** One plan, goal or activity; {@code kind} is PLAN, GOAL or ACTIVITY. */
    record Item(String sourceRef, String kind, String domain, String title, String description, String status, LocalDate periodStart,
            LocalDate periodEnd) {
    }

    @Inject
    EntityManager entityManager;

    @Inject
    ReadModels readModels;

    void upsert(UUID clientId, Item item) {
        entityManager.createNativeQuery("""
                insert into care_plan_item (id, client_id, source_ref, kind, domain, title, description, status,
                    period_start, period_end, updated_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                on conflict (client_id, source_ref) do update
                set kind = excluded.kind, domain = excluded.domain, title = excluded.title,
                    description = excluded.description, status = excluded.status, period_start = excluded.period_start,
                    period_end = excluded.period_end, updated_at = excluded.updated_at""")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, clientId)
                .setParameter(3, item.sourceRef())
                .setParameter(4, item.kind())
                .setParameter(5, item.domain())
                .setParameter(6, item.title())
                .setParameter(7, item.description())
                .setParameter(8, item.status())
                .setParameter(9, item.periodStart())
                .setParameter(10, item.periodEnd())
                .setParameter(11, readModels.now())
                .executeUpdate();
    }
}
