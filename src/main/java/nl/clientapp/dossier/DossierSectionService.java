package nl.clientapp.dossier;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import nl.clientapp.common.DutchTime;

/**
 * Reads the dossier sections that are not paged: care plan, agenda, profile and network. Every
 * query filters on the client whose membership the caller passed.
 */
@ApplicationScoped
@Transactional
public class DossierSectionService {

    /** Maximum number of appointments in one agenda response; a year of daily care visits fits. */
    static final int MAX_APPOINTMENTS = 500;

    /** Maximum number of items in one care plan or network response, so every response has a bounded size. */
    static final int MAX_ITEMS = 1000;

    @Inject
    SqlReader sql;

    @Inject
    JsonColumns json;

    /** Reads the care plan grouped by domain, domains in alphabetical order and items without a domain last. */
    public CarePlanView carePlan(UUID clientId) {
        record Row(String domain, String kind, CarePlanItemView item) {
        }
        List<Row> rows = sql.list("""
                select id, kind, domain, title, description, status, period_start, period_end
                  from care_plan_item
                 where client_id = ?
                 order by domain nulls last, period_start nulls last, title, id
                 limit ?""",
                row -> new Row(row.getString("domain"), row.getString("kind"), new CarePlanItemView(
                        row.getObject("id", UUID.class),
                        row.getString("title"),
                        row.getString("description"),
                        row.getString("status"),
                        row.getObject("period_start", LocalDate.class),
                        row.getObject("period_end", LocalDate.class))),
                clientId, MAX_ITEMS);

        Map<String, List<Row>> byDomain = new LinkedHashMap<>();
        for (Row row : rows) {
            byDomain.computeIfAbsent(row.domain(), domain -> new ArrayList<>()).add(row);
        }
        List<CarePlanDomainView> domains = new ArrayList<>();
        byDomain.forEach((domain, items) -> domains.add(new CarePlanDomainView(domain,
                itemsOfKind(items, "PLAN", Row::kind, Row::item),
                itemsOfKind(items, "GOAL", Row::kind, Row::item),
                itemsOfKind(items, "ACTIVITY", Row::kind, Row::item))));
        return new CarePlanView(domains);
    }

    /** Reads the appointments that start from {@code from} to {@code to}, inclusive Dutch dates, by start time. */
    public AgendaView agenda(UUID clientId, LocalDate from, LocalDate to) {
        List<AppointmentView> appointments = sql.list("""
                select id, status, title, description, starts_at, ends_at, location, participants::text as participants
                  from appointment
                 where client_id = ? and starts_at >= ? and starts_at < ?
                 order by starts_at, id
                 limit ?""",
                this::appointment,
                clientId, DutchTime.startOfDay(from), DutchTime.startOfDay(to.plusDays(1)), MAX_APPOINTMENTS + 1);

        boolean truncated = appointments.size() > MAX_APPOINTMENTS;
        return new AgendaView(from, to, truncated ? appointments.subList(0, MAX_APPOINTMENTS) : appointments, truncated);
    }

    /**
     * Reads the profile in one statement: personal details, life story, overall picture (each
     * section at most one row) and the care relationships as a JSON array.
     */
    public ProfileView profile(UUID clientId) {
        return sql.list("""
                select c.display_name, c.birth_date, c.personal_details::text as details,
                       life.text as life_story, life.updated_at as life_story_updated_at,
                       picture.text as overall_picture, picture.updated_at as overall_picture_updated_at,
                       (select coalesce(json_agg(json_build_object('status', cr.status, 'startDate', cr.start_date,
                                   'endDate', cr.end_date) order by cr.start_date nulls last, cr.id), '[]')::text
                          from care_relationship cr where cr.client_id = c.id) as relationships
                  from client c
                  left join profile_section life on life.client_id = c.id and life.kind = 'LIFE_STORY'
                  left join profile_section picture on picture.client_id = c.id and picture.kind = 'OVERALL_PICTURE'
                 where c.id = ?""",
                row -> new ProfileView(row.getString("display_name"), row.getObject("birth_date", LocalDate.class),
                        json.object(row.getString("details")),
                        profileText(row, "life_story"),
                        profileText(row, "overall_picture"),
                        json.list(row.getString("relationships"), CareRelationshipView.class)),
                clientId).get(0);
    }

    /** Reads the network, relatives and professionals each ordered by name. */
    public NetworkView network(UUID clientId) {
        record Row(String kind, NetworkMemberView member) {
        }
        List<Row> rows = sql.list("""
                select id, kind, name, relation, role_description, organisation_name, phone
                  from network_member
                 where client_id = ?
                 order by name, id
                 limit ?""",
                row -> new Row(row.getString("kind"), new NetworkMemberView(
                        row.getObject("id", UUID.class),
                        row.getString("name"),
                        row.getString("relation"),
                        row.getString("role_description"),
                        row.getString("organisation_name"),
                        row.getString("phone"))),
                clientId, MAX_ITEMS);

        return new NetworkView(itemsOfKind(rows, "RELATIVE", Row::kind, Row::member),
                itemsOfKind(rows, "PROFESSIONAL", Row::kind, Row::member));
    }

    private AppointmentView appointment(ResultSet row) throws SQLException {
        return new AppointmentView(
                row.getObject("id", UUID.class),
                row.getString("status"),
                row.getString("title"),
                row.getString("description"),
                SqlReader.instant(row, "starts_at"),
                SqlReader.instant(row, "ends_at"),
                row.getString("location"),
                json.list(row.getString("participants"), ParticipantView.class));
    }

    private static <R, V> List<V> itemsOfKind(List<R> rows, String kind, Function<R, String> kindOf,
            Function<R, V> value) {
        return rows.stream().filter(row -> kind.equals(kindOf.apply(row))).map(value).toList();
    }

    private static ProfileTextView profileText(ResultSet row, String column) throws SQLException {
        String text = row.getString(column);
        return text == null ? null : new ProfileTextView(text, SqlReader.instant(row, column + "_updated_at"));
    }
}
