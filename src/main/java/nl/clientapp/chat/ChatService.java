package nl.clientapp.chat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import nl.clientapp.chat.ChatViews.MessageView;
import nl.clientapp.chat.ChatViews.ThreadView;
import nl.clientapp.chat.ChatViews.UnreadView;
import nl.clientapp.common.problem.ProblemException;
import nl.clientapp.dossier.KeysetCursor;
import nl.clientapp.dossier.Page;
import nl.clientapp.dossier.ReportService;
import nl.clientapp.dossier.SqlReader;

/**
 * The chat as full-access members of a client use it. The conversation belongs to the client, not
 * to one member: every member with full access sees every question of the client, who asked it and
 * the answers, as the care team answers the client's network as a whole. Read marks are per member.
 * Every query filters on the client whose membership the caller passed, so another client's thread
 * id finds nothing.
 */
@ApplicationScoped
@Transactional
class ChatService {

    private static final Logger LOG = Logger.getLogger(ChatService.class);

    // The thread's first message is the question; the state columns are derived from the messages.
    private static final String THREADS = """
            select * from (
                select t.id, t.report_id, t.asked_at, t.expected_answer_on, t.asked_by, u.name as asked_by_name, q.text as question,
                       (select min(m.sent_at) from chat_message m where m.thread_id = t.id and m.author_type = 'CARE_TEAM') as answered_at,
                       (select case when bool_and(m.read_by_team_at is not null) then max(m.read_by_team_at) end
                          from chat_message m where m.thread_id = t.id and m.author_type = 'MEMBER') as read_by_team_at,
                       (select count(*) from chat_message m
                         where m.thread_id = t.id and m.author_type = 'CARE_TEAM'
                           and not exists (select 1 from chat_message_read r where r.message_id = m.id and r.user_id = ?)) as unread
                  from chat_thread t
                  join app_user u on u.id = t.asked_by
                  cross join lateral (select m.text from chat_message m where m.thread_id = t.id order by m.sent_at, m.id limit 1) q
                 where t.client_id = ?) thread
             where true""";

    private static final String MESSAGES = """
            select * from (
                select m.id, m.author_type, m.author_user_id, coalesce(u.name, m.author_name) as author_name, m.text, m.sent_at,
                       m.read_by_team_at, r.read_at
                  from chat_message m
                  left join app_user u on u.id = m.author_user_id
                  left join chat_message_read r on r.message_id = m.id and r.user_id = ?
                 where m.client_id = ? and m.thread_id = ?) message
             where true""";

    @Inject
    EntityManager entityManager;

    @Inject
    SqlReader sql;

    @Inject
    Clock clock;

    @Inject
    ChatNotifications notifications;

    @Inject
    ChatAuthors authors;

    /**
     * Starts a thread with the caller's question and, in the same transaction, queues the e-mail to
     * the organisation's care team and the webhook.
     *
     * @throws ProblemException 404 when {@code reportId} is not a report of this client
     */
    ThreadView ask(UUID clientId, UUID userId, String text, UUID reportId) {
        if (reportId != null && sql.list("select 1 from report where id = ? and client_id = ?", row -> 1, reportId, clientId).isEmpty()) {
            throw ProblemException.notFound();
        }

        Instant now = now();
        UUID threadId = UUID.randomUUID();
        LocalDate expected = AnswerDates.expectedAnswerDate(now);
        entityManager.createNativeQuery("""
                insert into chat_thread (id, client_id, asked_by, report_id, asked_at, expected_answer_on)
                values (:id, :client, :user, :report, :now, :expected)""")
                .setParameter("id", threadId)
                .setParameter("client", clientId)
                .setParameter("user", userId)
                .setParameter("report", reportId)
                .setParameter("now", now)
                .setParameter("expected", expected)
                .executeUpdate();
        insertMemberMessage(clientId, threadId, userId, text, now);

        notifications.questionAsked(clientId, threadId);
        LOG.infof("User %s asked question %s about client %s, expected answer date %s", userId, threadId, clientId, expected);
        return thread(clientId, userId, threadId);
    }

    /** Adds a member's follow-up to a thread of this client. */
    MessageView send(UUID clientId, UUID userId, UUID threadId, String text) {
        requireThread(clientId, threadId);

        UUID messageId = insertMemberMessage(clientId, threadId, userId, text, now());
        LOG.infof("User %s wrote message %s in thread %s", userId, messageId, threadId);
        return sql.list(MESSAGES + " and id = ?", row -> message(row, userId), userId, clientId, threadId, messageId).get(0);
    }

    Page<ThreadView> threads(UUID clientId, UUID userId, KeysetCursor after, int limit) {
        StringBuilder query = new StringBuilder(THREADS);
        List<Object> parameters = new ArrayList<>(List.of(userId, clientId));
        ReportService.appendPage(query, parameters, "asked_at", after, limit);

        List<ThreadView> rows = sql.list(query.toString(), row -> thread(row, userId), parameters.toArray());
        return Page.of(rows, limit, thread -> new KeysetCursor(thread.askedAt(), thread.id()));
    }

    ThreadView thread(UUID clientId, UUID userId, UUID threadId) {
        return sql.list(THREADS + " and id = ?", row -> thread(row, userId), userId, clientId, threadId).stream()
                .findFirst().orElseThrow(ProblemException::notFound);
    }

    /**
     * Lists a thread's messages, newest first, in one statement: the page is left-joined to whether
     * the thread belongs to the client, so an empty page and an unknown thread (404) differ.
     */
    Page<MessageView> messages(UUID clientId, UUID userId, UUID threadId, KeysetCursor after, int limit) {
        StringBuilder page = new StringBuilder(MESSAGES);
        List<Object> parameters = new ArrayList<>(List.of(threadId, clientId, userId, clientId, threadId));
        ReportService.appendPage(page, parameters, "sent_at", after, limit);
        String query = "select thread.found, page.* from (select exists (select 1 from chat_thread where id = ? and client_id = ?) as found) thread"
                + " left join lateral (" + page + ") page on true order by page.sent_at desc, page.id desc";

        List<Optional<MessageView>> rows = sql.list(query, row -> {
            if (!row.getBoolean("found")) {
                throw ProblemException.notFound();
            }
            return row.getObject("id", UUID.class) == null ? Optional.<MessageView>empty() : Optional.of(message(row, userId));
        }, parameters.toArray());
        List<MessageView> messages = rows.stream().flatMap(Optional::stream).toList();
        return Page.of(messages, limit, message -> new KeysetCursor(message.sentAt(), message.id()));
    }

    /** Marks every care-team answer of the thread read for the caller; marking again changes nothing. */
    void markAnswersRead(UUID clientId, UUID userId, UUID threadId) {
        requireThread(clientId, threadId);

        entityManager.createNativeQuery("""
                insert into chat_message_read (user_id, message_id, read_at)
                select :user, m.id, :now from chat_message m
                 where m.thread_id = :thread and m.client_id = :client and m.author_type = 'CARE_TEAM'
                on conflict do nothing""")
                .setParameter("user", userId)
                .setParameter("now", now())
                .setParameter("thread", threadId)
                .setParameter("client", clientId)
                .executeUpdate();
    }

    UnreadView unread(UUID clientId, UUID userId) {
        long count = sql.list("""
                select count(*) from chat_message m
                 where m.client_id = ? and m.author_type = 'CARE_TEAM'
                   and not exists (select 1 from chat_message_read r where r.message_id = m.id and r.user_id = ?)""",
                row -> row.getLong(1), clientId, userId).get(0);
        return new UnreadView(count);
    }

    private void requireThread(UUID clientId, UUID threadId) {
        if (sql.list("select 1 from chat_thread where id = ? and client_id = ?", row -> 1, threadId, clientId).isEmpty()) {
            throw ProblemException.notFound();
        }
    }

    private UUID insertMemberMessage(UUID clientId, UUID threadId, UUID userId, String text, Instant now) {
        UUID messageId = UUID.randomUUID();
        entityManager.createNativeQuery("""
                insert into chat_message (id, thread_id, client_id, author_type, author_user_id, text, sent_at)
                values (:id, :thread, :client, 'MEMBER', :user, :text, :now)""")
                .setParameter("id", messageId)
                .setParameter("thread", threadId)
                .setParameter("client", clientId)
                .setParameter("user", userId)
                .setParameter("text", text.strip())
                .setParameter("now", now)
                .executeUpdate();
        return messageId;
    }

    private Instant now() {
        // PostgreSQL keeps microseconds, so truncating keeps times and cursors exact when read back.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private ThreadView thread(ResultSet row, UUID userId) throws SQLException {
        return new ThreadView(
                row.getObject("id", UUID.class),
                row.getObject("report_id", UUID.class),
                row.getString("question"),
                authors.shown(row.getString("asked_by_name")),
                userId.equals(row.getObject("asked_by", UUID.class)),
                SqlReader.instant(row, "asked_at"),
                row.getObject("expected_answer_on", LocalDate.class),
                SqlReader.instant(row, "answered_at"),
                SqlReader.instant(row, "read_by_team_at"),
                row.getLong("unread"));
    }

    private MessageView message(ResultSet row, UUID userId) throws SQLException {
        return new MessageView(
                row.getObject("id", UUID.class),
                row.getString("author_type"),
                authors.ofMessage(row.getString("author_type"), row.getString("author_name")),
                userId.equals(row.getObject("author_user_id", UUID.class)),
                row.getString("text"),
                SqlReader.instant(row, "sent_at"),
                SqlReader.instant(row, "read_by_team_at"),
                SqlReader.instant(row, "read_at"));
    }
}
