package nl.clientapp.access;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import nl.clientapp.audit.ActorType;
import nl.clientapp.audit.AuditAction;
import nl.clientapp.audit.AuditEntry;
import nl.clientapp.audit.AuditLog;
import nl.clientapp.audit.AuditOutcome;
import nl.clientapp.common.Messages;
import nl.clientapp.common.RequestLanguage;
import nl.clientapp.notification.EmailSender;
import nl.clientapp.privacy.AccountErasure;
import nl.clientapp.privacy.AccountErasureStep;

/**
 * Ends every active membership of a user who erases their account, with reason
 * {@code ACCOUNT_ERASED}, voids their unused invitations and writes one audit entry per
 * membership. The right to erasure wins over the rule that a client with members keeps an
 * administrator: when the user was a client's last administrator and other members remain, the
 * membership still ends and the organisation gets an e-mail asking it to register a new
 * administrator.
 */
@ApplicationScoped
class MembershipErasureStep implements AccountErasureStep {

    /** Event of the audit entry written for each membership ended by an account erasure. */
    static final String AUDIT_EVENT = "membership.account-erased";

    /** Stored in {@code membership.ended_by} for memberships an account erasure ends. */
    static final String ENDED_BY = "account-erasure";

    private static final Logger LOG = Logger.getLogger(MembershipErasureStep.class);

    @Inject
    EntityManager entityManager;

    @Inject
    ClientRowLock clientLock;

    @Inject
    AuditLog auditLog;

    @Inject
    EmailSender emailSender;

    /** A client that lost its last administrator, and where the organisation wants to hear about it. */
    private record OrphanedClient(UUID clientId, String fhirPatientId, String organisationName, String contactEmail) {
    }

    @Override
    public void erase(AccountErasure erasure) {
        @SuppressWarnings("unchecked")
        List<Object[]> memberships = entityManager.createNativeQuery("""
                select id, client_id, role from membership
                 where user_id = :user and status = 'ACTIVE'
                 order by client_id""")
                .setParameter("user", erasure.userId())
                .getResultList();
        for (Object[] membership : memberships) {
            UUID membershipId = (UUID) membership[0];
            UUID clientId = (UUID) membership[1];
            // The client's row lock, taken in client id order, makes the administrator count exact.
            clientLock.lockClient(clientId);
            if (Role.FULL_ACCESS_ADMIN.name().equals(membership[2])) {
                noticeIfLastAdministrator(erasure, membershipId, clientId);
            }
            end(erasure, membershipId);
            auditLog.record(new AuditEntry(AUDIT_EVENT, AuditAction.UPDATE, AuditOutcome.SUCCESS, ActorType.APP_USER,
                    erasure.userId().toString(), (String) membership[2], clientId, null, "membership",
                    membershipId.toString(), erasure.sessionId(), erasure.clientIp()));
        }
        entityManager.createNativeQuery("""
                update invitation set voided_at = :now where user_id = :user and used_at is null and voided_at is null""")
                .setParameter("now", erasure.erasedAt())
                .setParameter("user", erasure.userId())
                .executeUpdate();
    }

    private void end(AccountErasure erasure, UUID membershipId) {
        entityManager.createNativeQuery("""
                update membership set status = 'ENDED', ended_at = :now, end_reason = :reason, ended_by = :endedBy
                 where id = :id and status = 'ACTIVE'""")
                .setParameter("now", erasure.erasedAt())
                .setParameter("reason", MemberEndReason.ACCOUNT_ERASED)
                .setParameter("endedBy", ENDED_BY)
                .setParameter("id", membershipId)
                .executeUpdate();
        LOG.infof("Ended membership %s because user %s erased their account", membershipId, erasure.userId());
    }

    private void noticeIfLastAdministrator(AccountErasure erasure, UUID membershipId, UUID clientId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select count(m.id) filter (where m.role = 'FULL_ACCESS_ADMIN'), count(m.id),
                       c.fhir_patient_id, o.name, o.privacy_contact_email
                  from client c
                  join organisation o on o.id = c.organisation_id
                  left join membership m on m.client_id = c.id and m.status = 'ACTIVE' and m.id <> :membership
                 where c.id = :client
                 group by c.fhir_patient_id, o.name, o.privacy_contact_email""")
                .setParameter("membership", membershipId)
                .setParameter("client", clientId)
                .getResultList();
        Object[] row = rows.get(0);
        long otherAdministrators = ((Number) row[0]).longValue();
        long otherMembers = ((Number) row[1]).longValue();
        if (otherAdministrators > 0 || otherMembers == 0) {
            return;
        }
        OrphanedClient orphaned = new OrphanedClient(clientId, (String) row[2], (String) row[3], (String) row[4]);
        LOG.warnf("Client %s has members but no administrator, because user %s erased their account", clientId,
                erasure.userId());
        erasure.afterCommit(() -> sendNotice(orphaned));
    }

    /** E-mails the organisation in Dutch, the language of its staff. */
    private void sendNotice(OrphanedClient orphaned) {
        if (orphaned.contactEmail() == null) {
            LOG.warnf("Organisation of client %s has no privacy contact address; the loss of its last administrator "
                    + "is only logged", orphaned.clientId());
            return;
        }
        Locale locale = RequestLanguage.DUTCH;
        try {
            emailSender.send(orphaned.contactEmail(), Messages.get(locale, "mail.last-administrator-erased.subject"),
                    Messages.get(locale, "mail.last-administrator-erased.text", orphaned.organisationName(),
                            orphaned.fhirPatientId(), orphaned.clientId().toString()));
            LOG.infof("Told the organisation of client %s that its last administrator erased their account",
                    orphaned.clientId());
        } catch (RuntimeException e) {
            LOG.warnf("Sending the last-administrator notice of client %s failed: %s", orphaned.clientId(),
                    e.getClass().getSimpleName());
        }
    }
}
