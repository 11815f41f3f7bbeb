package nl.clientapp.access;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Finds the members of a client whom a notification about the client may reach: members that
 * {@link MembershipGuard} would admit right now with one of the given roles. An ended or blocked
 * membership, access ended by care end or a termination request, an erased account, and a person
 * whose invitation for this membership is still unused (so who has not activated the app for this
 * client) are left out.
 */
@ApplicationScoped
public class ClientAudience {

    private static final String MEMBERS = """
            select m.user_id, f.any_open_care, f.last_care_end, f.termination_ends_on, f.blocked
              from membership m
              join membership_access_facts f on f.membership_id = m.id
              join app_user u on u.id = m.user_id
             where m.client_id = :client and m.status = 'ACTIVE' and m.role in (:roles) and u.erased_at is null
               and (not exists (select 1 from invitation i where i.membership_id = m.id and i.created_at >= m.created_at)
                    or exists (select 1 from invitation i
                                where i.membership_id = m.id and i.created_at >= m.created_at and i.used_at is not null))
             order by m.user_id
            """;

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    /** Returns the user ids of the client's members with one of {@code roles} who have access now. */
    public List<UUID> members(UUID clientId, Collection<Role> roles) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(MEMBERS)
                .setParameter("client", clientId)
                .setParameter("roles", roles.stream().map(Role::name).toList())
                .getResultList();
        return rows.stream()
                .filter(row -> AccessFacts.fromRow(row, 1).allowsAccess(clock.instant()))
                .map(row -> (UUID) row[0])
                .toList();
    }
}
