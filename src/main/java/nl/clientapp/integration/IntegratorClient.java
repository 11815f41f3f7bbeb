package nl.clientapp.integration;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A machine client of one care organisation, authenticating with OAuth 2.0 client credentials. */
@Entity
@Table(name = "integrator_client")
public class IntegratorClient extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "organisation_id")
    public UUID organisationId;

    @Column(name = "client_id")
    public String clientId;

    @Column(name = "secret_hash")
    public String secretHash;

    public String scopes;

    public String name;

    public boolean active;

    @Column(name = "created_at")
    public Instant createdAt;

    public static IntegratorClient findByClientId(String clientId) {
        return find("clientId", clientId).firstResult();
    }

    @Override
    public String toString() {
        return "IntegratorClient[" + id + "]";
    }
}
