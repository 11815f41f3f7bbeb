package nl.clientapp.client;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A person receiving care from an organisation, created from a FHIR Patient. */
@Entity
@Table(name = "client")
public class Client extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "organisation_id")
    public UUID organisationId;

    @Column(name = "fhir_patient_id")
    public String fhirPatientId;

    @Column(name = "display_name")
    public String displayName;

    @Column(name = "birth_date")
    public LocalDate birthDate;

    /** Personal details for the profile section, as a JSON object shaped for the app. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "personal_details")
    public String personalDetails;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static Client findByPatientId(UUID organisationId, String fhirPatientId) {
        return find("organisationId = ?1 and fhirPatientId = ?2", organisationId, fhirPatientId).firstResult();
    }

    @Override
    public String toString() {
        return "Client[" + id + "]";
    }
}
