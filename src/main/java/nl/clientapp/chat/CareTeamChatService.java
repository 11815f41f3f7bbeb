package nl.clientapp.chat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import nl.clientapp.chat.ChatRequests.SettingsRequest;
import nl.clientapp.chat.ChatViews.SettingsView;
import nl.clientapp.chat.ChatViews.TeamMessageView;
import nl.clientapp.chat.ChatViews.TeamQuestionView;
import nl.clientapp.common.DutchTime;
import nl.clientapp.common.problem.ProblemException;
import nl.clientapp.dossier.KeysetCursor;
import nl.clientapp.dossier.Page;
import nl.clientapp.dossier.ReportService;
import nl.clientapp.dossier.SqlReader;

/**
 * The chat as the care team's systems use it: the questions of the organisation's clients, answers
 * through the JSON API or a FHIR Communication, read marks and the team's e-mail settings. Every
 * query is limited to the calling integrator's organisation, so another organisation's ids find
 * nothing.
 */
@ApplicationScoped
@Transactional
public class CareTeamChatService {

    /** Filter of the care team's question list. */
    enum Status {
        /** Awaiting a reply: the latest message is a member's. */
        OPEN,
        /** Not answered at all, and the expected answer date has come: the questions the escalation job escalates. */
        OVERDUE,
        ALL;

        static Status parse(String value) {
            if (value == null || value.isEmpty()) {
                return OPEN;
            }
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("invalid-chat-status");
            }
        }
    }

    private static final Logger LOG = Logger.getLogger(CareTeamChatService.class);

    private static final String QUESTIONS = """
            select * from (
                select t.id, t.client_id, c.fhir_patient_id, t.report_id, r.source_ref as report_ref, t.asked_at,
                       t.expected_answer_on, t.escalated_at, q.text as question,
                       (select min(m.sent_at) from chat_message m where m.thread_id = t.id and m.author_type = 'CARE_TEAM') as answered_at,
                       (select max(m.sent_at) from chat_message m where m.thread_id = t.id and m.author_type = 'CARE_TEAM') as last_answer_at,
                       (select max(m.sent_at) from chat_message m where m.thread_id = t.id and m.author_type = 'MEMBER') as last_member_message_at,
                       (select case when bool_and(m.read_by_team_at is not null) then max(m.read_by_team_at) end
                          from chat_message m where m.thread_id = t.id and m.author_type = 'MEMBER') as read_by_team_at
                  from chat_thread t
                  join client c on c.id = t.client_id
                  left join report r on r.id = t.report_id
                  cross join lateral (select m.text from chat_message m where m.thread_id = t.id order by m.sent_at, m.id limit 1) q
                 where c.organisation_id = ?) question
             where true""";

    private static final String MESSAGES = """
            select * from (
                select m.id, m.thread_id, m.author_type, coalesce(u.name, m.author_name) as author_name, m.text, m.sent_at, m.read_by_team_at
                  from chat_message m
                  join client c on c.id = m.client_id
                  left join app_user u on u.id = m.author_user_id
                 where c.organisation_id = ? and m.client_id = ? and m.thread_id = ?) message
             where true""";

    @Inject
    EntityManager entityManager;

    @Inject
    ChatAuthors authors;

    @Inject
    SqlReader sql;

    @Inject
    Clock clock;

    @Inject
    ChatNotifications notifications;

    /** Lists the organisation's questions, newest first. */
    Page<TeamQuestionView> questions(UUID organisationId, Status status, KeysetCursor after, int limit) {
        StringBuilder query = new StringBuilder(QUESTIONS);
        List<Object> parameters = new ArrayList<>(List.of(organisationId));
        if (status == Status.OPEN) {
            query.append(" and (last_answer_at is null or last_member_message_at > last_answer_at)");
        } else if (status == Status.OVERDUE) {
            query.append(" and answered_at is null and expected_answer_on <= ?");
            parameters.add(DutchTime.today(clock));
        }
        ReportService.appendPage(query, parameters, "asked_at", after, limit);

        List<TeamQuestionView> rows = sql.list(query.toString(), CareTeamChatService::question, parameters.toArray());
        return Page.of(rows, limit, question -> new KeysetCursor(question.askedAt(), question.threadId()));
    }

    /** Lists a thread's messages, newest first. */
    Page<TeamMessageView> messages(UUID organisationId, UUID clientId, UUID threadId, KeysetCursor after, int limit) {
        requireThread(organisationId, clientId, threadId);
        StringBuilder query = new StringBuilder(MESSAGES);
        List<Object> parameters = new ArrayList<>(List.of(organisationId, clientId, threadId));
        ReportService.appendPage(query, parameters, "sent_at", after, limit);

        List<TeamMessageView> rows = sql.list(query.toString(), this::message, parameters.toArray());
        return Page.of(rows, limit, message -> new KeysetCursor(message.sentAt(), message.id()));
    }

    /**
     * Adds the care team's answer to a thread; answering marks the members' messages read and
     * notifies the client's full-access members in the same transaction.
     */
    TeamMessageView answer(UUID organisationId, UUID clientId, UUID threadId, String text, String authorName) {
        requireThread(organisationId, clientId, threadId);

        UUID messageId = UUID.randomUUID();
        Instant now = now();
        entityManager.createNativeQuery("""
                insert into chat_message (id, thread_id, client_id, author_type, author_name, text, sent_at)
                values (:id, :thread, :client, 'CARE_TEAM', :author, :text, :now)""")
                .setParameter("id", messageId)
                .setParameter("thread", threadId)
                .setParameter("client", clientId)
                .setParameter("author", authorName.strip())
                .setParameter("text", text.strip())
                .setParameter("now", now)
                .executeUpdate();
        markMemberMessagesRead(threadId, now);
        notifications.answered(clientId, threadId, messageId);
        LOG.infof("The care team answered thread %s with message %s", threadId, messageId);
        return sql.list(MESSAGES + " and id = ?", this::message, organisationId, clientId, threadId, messageId).get(0);
    }

    /** Records that the care team read the members' messages of a thread; marking again keeps the first time. */
    void markRead(UUID organisationId, UUID clientId, UUID threadId) {
        requireThread(organisationId, clientId, threadId);
        markMemberMessagesRead(threadId, now());
    }

    /**
     * Stores or updates the answer that a FHIR Communication carries, for the FHIR import. A thread is
     * found only among the client's own threads. A new answer notifies the client's full-access
     * members; a re-sent Communication only updates its answer.
     *
     * @return false when {@code threadId} is no thread of the client, so the resource answers nothing
     */
    public boolean upsertFhirAnswer(UUID clientId, UUID threadId, String sourceRef, String authorName, String text, Instant sentAt) {
        if (sql.list("select 1 from chat_thread where id = ? and client_id = ?", row -> 1, threadId, clientId).isEmpty()) {
            return false;
        }
        UUID messageId = UUID.randomUUID();
        // xmax is 0 only in a row version that the insert created, so it tells a new answer from an update.
        Object[] stored = (Object[]) entityManager.createNativeQuery("""
                insert into chat_message (id, thread_id, client_id, author_type, author_name, text, sent_at, source_ref)
                values (:id, :thread, :client, 'CARE_TEAM', :author, :text, :sentAt, :source)
                on conflict (client_id, source_ref) where source_ref is not null do update
                set thread_id = excluded.thread_id, author_name = excluded.author_name, text = excluded.text, sent_at = excluded.sent_at
                returning id, xmax = 0""")
                .setParameter("id", messageId)
                .setParameter("thread", threadId)
                .setParameter("client", clientId)
                .setParameter("author", authorName)
                .setParameter("text", text)
                .setParameter("sentAt", (sentAt == null ? clock.instant() : sentAt).truncatedTo(ChronoUnit.MICROS))
                .setParameter("source", sourceRef)
                .getSingleResult();
        markMemberMessagesRead(threadId, now());
        if (Boolean.TRUE.equals(stored[1])) {
            notifications.answered(clientId, threadId, (UUID) stored[0]);
        }
        return true;
    }

    /** Returns the organisation's settings; every field is null while it configured none. */
    SettingsView settings(UUID organisationId) {
        return sql.list("select team_email, escalation_email, updated_at from chat_settings where organisation_id = ?",
                row -> new SettingsView(row.getString(1), row.getString(2), SqlReader.instant(row, "updated_at")), organisationId)
                .stream().findFirst().orElse(new SettingsView(null, null, null));
    }

    SettingsView configure(UUID organisationId, SettingsRequest request) {
        String escalation = request.escalationEmail() == null || request.escalationEmail().isBlank() ? null
                : request.escalationEmail().strip().toLowerCase(Locale.ROOT);
        entityManager.createNativeQuery("""
                insert into chat_settings (organisation_id, team_email, escalation_email, updated_at)
                values (:organisation, :team, :escalation, :now)
                on conflict (organisation_id) do update
                set team_email = excluded.team_email, escalation_email = excluded.escalation_email, updated_at = excluded.updated_at""")
                .setParameter("organisation", organisationId)
                .setParameter("team", request.teamEmail().strip().toLowerCase(Locale.ROOT))
                .setParameter("escalation", escalation)
                .setParameter("now", now())
                .executeUpdate();
        LOG.infof("Organisation %s configured its chat e-mail settings", organisationId);
        return settings(organisationId);
    }

    private void requireThread(UUID organisationId, UUID clientId, UUID threadId) {
        if (sql.list("""
                select 1 from chat_thread t join client c on c.id = t.client_id
                 where t.id = ? and t.client_id = ? and c.organisation_id = ?""", row -> 1, threadId, clientId, organisationId).isEmpty()) {
            throw ProblemException.notFound();
        }
    }

    private void markMemberMessagesRead(UUID threadId, Instant now) {
        entityManager.createNativeQuery("""
                update chat_message set read_by_team_at = :now
                 where thread_id = :thread and author_type = 'MEMBER' and read_by_team_at is null""")
                .setParameter("now", now)
                .setParameter("thread", threadId)
                .executeUpdate();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static TeamQuestionView question(ResultSet row) throws SQLException {
        UUID threadId = row.getObject("id", UUID.class);
        return new TeamQuestionView(
                threadId,
                row.getObject("client_id", UUID.class),
                row.getString("fhir_patient_id"),
                ChatFhir.questionReference(threadId),
                row.getString("question"),
                row.getObject("report_id", UUID.class),
                row.getString("report_ref"),
                SqlReader.instant(row, "asked_at"),
                row.getObject("expected_answer_on", LocalDate.class),
                SqlReader.instant(row, "answered_at"),
                SqlReader.instant(row, "last_member_message_at"),
                SqlReader.instant(row, "read_by_team_at"),
                SqlReader.instant(row, "escalated_at"));
    }

    private TeamMessageView message(ResultSet row) throws SQLException {
        return new TeamMessageView(
                row.getObject("id", UUID.class),
                row.getObject("thread_id", UUID.class),
                row.getString("author_type"),
                authors.ofMessage(row.getString("author_type"), row.getString("author_name")),
                row.getString("text"),
                SqlReader.instant(row, "sent_at"),
                SqlReader.instant(row, "read_by_team_at"));
    }
}
