package nl.clientapp.dossier;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.UUID;

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

    /** Reads the profile: personal details, life story, overall picture and care relationships. */
    public ProfileView profile(UUID clientId) {
        record ClientRow(String displayName, LocalDate birthDate, String personalDetails) {
        }
        record SectionRow(String kind, ProfileTextView text) {
        }
        ClientRow client = sql.list("select display_name, birth_date, personal_details::text as details from client where id = ?",
                row -> new ClientRow(row.getString("display_name"), row.getObject("birth_date", LocalDate.class), row.getString("details")),
                clientId).get(0);
        List<SectionRow> sections = sql.list("select kind, text, updated_at from profile_section where client_id = ?",
                row -> new SectionRow(row.getString("kind"), new ProfileTextView(row.getString("text"), SqlReader.instant(row, "updated_at"))),
                clientId);
        List<CareRelationshipView> relationships = sql.list("""
                select status, start_date, end_date
                  from care_relationship
                 where client_id = ?
                 order by start_date nulls last, id""",
                row -> new CareRelationshipView(row.getString("status"), row.getObject("start_date", LocalDate.class),
                        row.getObject("end_date", LocalDate.class)),
                clientId);

        return new ProfileView(client.displayName(), client.birthDate(), json.object(client.personalDetails()),
                sectionText(sections, "LIFE_STORY", SectionRow::kind, SectionRow::text),
                sectionText(sections, "OVERALL_PICTURE", SectionRow::kind, SectionRow::text),
                relationships);
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

    private static <R> ProfileTextView sectionText(List<R> rows, String kind, Function<R, String> kindOf,
            Function<R, ProfileTextView> text) {
        return rows.stream().filter(row -> Objects.equals(kind, kindOf.apply(row))).map(text).findFirst().orElse(null);
    }
}
