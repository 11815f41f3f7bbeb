package nl.clientapp.dossier;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import nl.clientapp.access.AccessFacts;
import nl.clientapp.access.Role;

/** Lists the clients an app user follows and may still see. */
@ApplicationScoped
@Transactional
public class ClientListService {

    @Inject
    SqlReader sql;

    @Inject
    Clock clock;

    /**
     * Lists the user's active memberships by client name. Clients whose access has ended (care
     * ended more than 6 weeks ago, a termination request, a misuse block) are left out, by the
     * same rule as the per-request membership check.
     */
    public List<ClientSummaryView> clientsOf(UUID userId) {
        record Row(ClientSummaryView client, AccessFacts facts) {
        }
        List<Row> rows = sql.list("""
                select c.id, c.display_name, m.role, m.relation,
                       f.any_open_care, f.last_care_end, f.termination_ends_on, f.blocked
                  from membership m
                  join client c on c.id = m.client_id
                  join membership_access_facts f on f.membership_id = m.id
                 where m.user_id = ? and m.status = 'ACTIVE'
                 order by c.display_name, c.id""",
                row -> new Row(
                        new ClientSummaryView(row.getObject("id", UUID.class), row.getString("display_name"),
                                Role.valueOf(row.getString("role")), row.getString("relation")),
                        new AccessFacts((Boolean) row.getObject("any_open_care"),
                                row.getObject("last_care_end", LocalDate.class),
                                row.getObject("termination_ends_on", LocalDate.class),
                                row.getBoolean("blocked"))),
                userId);

        Instant now = clock.instant();
        return rows.stream()
                .filter(row -> row.facts().allowsAccess(now))
                .map(Row::client)
                .toList();
    }
}
