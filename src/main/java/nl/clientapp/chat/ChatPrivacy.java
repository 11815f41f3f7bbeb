package nl.clientapp.chat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import nl.clientapp.dossier.SqlReader;
import nl.clientapp.privacy.AccountErasure;
import nl.clientapp.privacy.AccountErasureStep;
import nl.clientapp.privacy.ClientDataPurgeStep;
import nl.clientapp.privacy.PersonalDataSection;
import nl.clientapp.privacy.PersonalDataSource;

/**
 * The privacy side of the chat with the care team.
 *
 * <p>Export ({@code chat} section): every thread the user asked or wrote in, with the user's own
 * messages and the care team's answers in it, since an answer is part of the user's conversation
 * and says nothing the user could not read in the app. Messages of other members in the same
 * thread are their personal data and are left out. Then the user's read marks of answers.
 *
 * <p>Erasure: the messages stay, because they are part of the care conversation that the care
 * team and the other members rely on; the author shows as a deleted user once the account row has
 * lost its name (see {@link ChatAuthors}). The user's read marks go.
 *
 * <p>Purge: the client's threads, messages and read marks go. Chat settings belong to the
 * organisation, not to a client, and stay.
 */
@ApplicationScoped
class ChatPrivacy implements PersonalDataSource, AccountErasureStep, ClientDataPurgeStep {

    private static final Logger LOG = Logger.getLogger(ChatPrivacy.class);

    /** @param authorName the care team member's name; null for the user's own messages */
    record MessageExport(UUID messageId, String authorType, String authorName, boolean mine, String text, Instant sentAt,
            Instant readByTeamAt) {
    }

    record ThreadExport(UUID threadId, UUID clientId, UUID reportId, boolean askedByMe, Instant askedAt,
            LocalDate expectedAnswerOn, List<MessageExport> messages) {
    }

    record ReadMarkExport(UUID messageId, UUID threadId, UUID clientId, Instant readAt) {
    }

    record ChatExport(List<ThreadExport> threads, List<ReadMarkExport> readMarks) {
    }

    @Inject
    SqlReader sql;

    @Inject
    EntityManager entityManager;

    @Override
    public String section() {
        return "chat";
    }

    @Override
    public PersonalDataSection collect(UUID userId) {
        Map<UUID, ThreadExport> threads = new LinkedHashMap<>();
        sql.list("""
                select t.id, t.client_id, t.report_id, t.asked_by, t.asked_at, t.expected_answer_on
                  from chat_thread t
                 where t.asked_by = ?
                    or exists (select 1 from chat_message m where m.thread_id = t.id and m.author_user_id = ?)
                 order by t.asked_at, t.id""",
                row -> threads.put(row.getObject("id", UUID.class), new ThreadExport(row.getObject("id", UUID.class),
                        row.getObject("client_id", UUID.class), row.getObject("report_id", UUID.class),
                        userId.equals(row.getObject("asked_by", UUID.class)), SqlReader.instant(row, "asked_at"),
                        row.getObject("expected_answer_on", LocalDate.class), new ArrayList<>())),
                userId, userId);
        sql.list("""
                select m.id, m.thread_id, m.author_type, m.author_name, m.author_user_id, m.text, m.sent_at, m.read_by_team_at
                  from chat_message m
                  join chat_thread t on t.id = m.thread_id
                 where (t.asked_by = ? or exists (select 1 from chat_message o where o.thread_id = t.id and o.author_user_id = ?))
                   and (m.author_user_id = ? or m.author_type = 'CARE_TEAM')
                 order by m.sent_at, m.id""",
                row -> threads.get(row.getObject("thread_id", UUID.class)).messages().add(new MessageExport(
                        row.getObject("id", UUID.class), row.getString("author_type"), row.getString("author_name"),
                        userId.equals(row.getObject("author_user_id", UUID.class)), row.getString("text"),
                        SqlReader.instant(row, "sent_at"), SqlReader.instant(row, "read_by_team_at"))),
                userId, userId, userId);
        List<ReadMarkExport> readMarks = sql.list("""
                select r.message_id, m.thread_id, m.client_id, r.read_at
                  from chat_message_read r
                  join chat_message m on m.id = r.message_id
                 where r.user_id = ?
                 order by r.read_at, r.message_id""",
                row -> new ReadMarkExport(row.getObject("message_id", UUID.class), row.getObject("thread_id", UUID.class),
                        row.getObject("client_id", UUID.class), SqlReader.instant(row, "read_at")),
                userId);
        Set<UUID> clientIds = new HashSet<>();
        threads.values().forEach(thread -> clientIds.add(thread.clientId()));
        return new PersonalDataSection(new ChatExport(List.copyOf(threads.values()), readMarks), List.of(), clientIds);
    }

    @Override
    public void erase(AccountErasure erasure) {
        int deleted = entityManager.createNativeQuery("delete from chat_message_read where user_id = ?1")
                .setParameter(1, erasure.userId())
                .executeUpdate();
        LOG.infof("Deleted %d chat read marks of user %s; the user's messages stay with a deleted author", deleted,
                erasure.userId());
    }

    @Override
    public void purge(UUID clientId) {
        entityManager.createNativeQuery("""
                delete from chat_message_read r using chat_message m where m.id = r.message_id and m.client_id = ?1""")
                .setParameter(1, clientId)
                .executeUpdate();
        int messages = entityManager.createNativeQuery("delete from chat_message where client_id = ?1")
                .setParameter(1, clientId)
                .executeUpdate();
        int threads = entityManager.createNativeQuery("delete from chat_thread where client_id = ?1")
                .setParameter(1, clientId)
                .executeUpdate();
        LOG.infof("Deleted %d chat threads with %d messages of client %s", threads, messages, clientId);
    }
}
