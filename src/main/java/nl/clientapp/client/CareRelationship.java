package nl.clientapp.client;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A care relationship (zorgrelatie) of a client, from a FHIR EpisodeOfCare; access ends 6 weeks after it ends. */
@Entity
@Table(name = "care_relationship")
public class CareRelationship extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "client_id")
    public UUID clientId;

    /** 'EpisodeOfCare/{id}' this relationship was projected from. */
    @Column(name = "source_ref")
    public String sourceRef;

    public String status;

    @Column(name = "start_date")
    public LocalDate startDate;

    @Column(name = "end_date")
    public LocalDate endDate;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Override
    public String toString() {
        return "CareRelationship[" + id + "]";
    }
}
