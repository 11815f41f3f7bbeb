package nl.clientapp.access;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A person with a login to the app; one person may follow several clients. */
@Entity
@Table(name = "app_user")
public class AppUser extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;

    /** Lower case, so that addresses compare case-insensitively. */
    public String email;

    /** E.164 mobile number, where SMS codes are sent. */
    public String mobile;

    /** "nl" or "en": the language of e-mails and SMS texts. */
    public String language;

    @Column(name = "created_at")
    public Instant createdAt;

    public static AppUser findByEmail(String email) {
        return find("email", email.toLowerCase(java.util.Locale.ROOT)).firstResult();
    }

    @Override
    public String toString() {
        return "AppUser[" + id + "]";
    }
}
