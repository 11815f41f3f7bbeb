package nl.clientapp.auth;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** Reads an app user's stored contact details, each in a transaction of its own. */
@ApplicationScoped
public class ContactRecords {

    @Inject
    EntityManager entityManager;

    /** The stored mobile number (E.164) and e-mail address (lower case) of a user. */
    public record Contact(String mobile, String email) {
    }

    public Contact of(UUID userId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object[] row = (Object[]) entityManager.createNativeQuery("select mobile, email from app_user where id = :id")
                    .setParameter("id", userId)
                    .getSingleResult();
            return new Contact((String) row[0], (String) row[1]);
        });
    }
}
