package nl.clientapp.client;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A care organisation; its clients, integrators and data are kept apart from other organisations'. */
@Entity
@Table(name = "organisation")
public class Organisation extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;

    @Column(name = "created_at")
    public Instant createdAt;

    /** Where privacy notices to the organisation go, such as a client left without an administrator; null: only logged. */
    @Column(name = "privacy_contact_email")
    public String privacyContactEmail;

    @Override
    public String toString() {
        return "Organisation[" + id + "]";
    }
}
