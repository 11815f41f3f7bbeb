package nl.clientapp.fhir;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** Upserts rows of {@code network_member}, shared by the RelatedPerson and CareTeam projections. */
@ApplicationScoped
class NetworkMembers {

    static final String RELATIVE = "RELATIVE";
    static final String PROFESSIONAL = "PROFESSIONAL";

    /** One person in the client's network. */
    record Member(String sourceRef, String kind, String name, String relation, String roleDescription, String organisationName,
            String phone) {
    }

    @Inject
    EntityManager entityManager;

    @Inject
    ReadModels readModels;

    /**
     * Inserts or updates the member. A null value from a later source (a CareTeam participant without a
     * phone number) keeps what the person's own resource supplied.
     */
    void upsert(UUID clientId, Member member) {
        entityManager.createNativeQuery("""
                insert into network_member (id, client_id, source_ref, kind, name, relation, role_description,
                    organisation_name, phone, updated_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                on conflict (client_id, source_ref) do update
                set kind = excluded.kind, name = excluded.name,
                    relation = coalesce(excluded.relation, network_member.relation),
                    role_description = coalesce(excluded.role_description, network_member.role_description),
                    organisation_name = coalesce(excluded.organisation_name, network_member.organisation_name),
                    phone = coalesce(excluded.phone, network_member.phone),
                    updated_at = excluded.updated_at""")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, clientId)
                .setParameter(3, member.sourceRef())
                .setParameter(4, member.kind())
                .setParameter(5, member.name())
                .setParameter(6, member.relation())
                .setParameter(7, member.roleDescription())
                .setParameter(8, member.organisationName())
                .setParameter(9, member.phone())
                .setParameter(10, readModels.now())
                .executeUpdate();
    }
}
