package nl.clientapp.dossier;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import nl.clientapp.access.AccessPeriod;
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
     * Lists the user's active memberships by client name. Clients whose care ended more than 6
     * weeks ago are left out, by the same rule as the per-request membership check.
     */
    public List<ClientSummaryView> clientsOf(UUID userId) {
        record Row(ClientSummaryView client, Boolean anyOpenRelationship, LocalDate lastEndDate) {
        }
        List<Row> rows = sql.list("""
                select c.id, c.display_name, m.role, m.relation,
                       (select bool_or(cr.end_date is null) from care_relationship cr where cr.client_id = c.id) as any_open,
                       (select max(cr.end_date) from care_relationship cr where cr.client_id = c.id) as last_end
                  from membership m
                  join client c on c.id = m.client_id
                 where m.user_id = ? and m.status = 'ACTIVE'
                 order by c.display_name, c.id""",
                row -> new Row(
                        new ClientSummaryView(row.getObject("id", UUID.class), row.getString("display_name"),
                                Role.valueOf(row.getString("role")), row.getString("relation")),
                        (Boolean) row.getObject("any_open"),
                        row.getObject("last_end", LocalDate.class)),
                userId);

        Instant now = clock.instant();
        return rows.stream()
                .filter(row -> AccessPeriod.careAllowsAccess(row.anyOpenRelationship(), row.lastEndDate(), now))
                .map(Row::client)
                .toList();
    }
}
