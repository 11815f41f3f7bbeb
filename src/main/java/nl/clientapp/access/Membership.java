package nl.clientapp.access;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An app user's access to one client, with exactly one role. */
@Entity
@Table(name = "membership")
public class Membership extends PanacheEntityBase {

    public static final String ACTIVE = "ACTIVE";
    public static final String ENDED = "ENDED";

    @Id
    public UUID id;

    @Column(name = "user_id")
    public UUID userId;

    @Column(name = "client_id")
    public UUID clientId;

    @Enumerated(EnumType.STRING)
    public Role role;

    /** Relation to the client as the app shows it, for example "dochter". */
    public String relation;

    /** Why this person has access: CLIENT, CONTACT_PERSON, LEGAL_REPRESENTATIVE or INVITED. */
    public String basis;

    /** ACTIVE or ENDED. */
    public String status;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    /** Why the membership ended: an {@link EndReason} name when the end-of-access job ended it, or a
     * {@link MemberEndReason} name when member management did. */
    @Column(name = "end_reason")
    public String endReason;

    /** Actor that ended the membership, for example {@value AccessEndJob#ENDED_BY}. */
    @Column(name = "ended_by")
    public String endedBy;

    public static Membership find(UUID userId, UUID clientId) {
        return find("userId = ?1 and clientId = ?2", userId, clientId).firstResult();
    }

    @Override
    public String toString() {
        return "Membership[" + id + "]";
    }
}
