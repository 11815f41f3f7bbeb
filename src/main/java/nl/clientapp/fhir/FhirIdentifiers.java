package nl.clientapp.fhir;

import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Resource;

/**
 * The {@code fhir_identifier} table: business identifiers of stored resources, one resource per
 * organisation, type, system and value. Conditional updates find resources here.
 *
 * <p>Every change to an identifier's rows first takes a transaction-scoped advisory lock on the
 * organisation, type and value. A conditional update takes the locks of all its values before it
 * searches, so two requests that create the same identifier at the same time run one after the
 * other, and the second finds what the first created.
 */
@ApplicationScoped
class FhirIdentifiers {

    /** One identifier a conditional update searches for; {@code system} null matches any system, "" none. */
    record Criterion(String system, String value) {

        boolean matches(Identifier identifier) {
            return value.equals(identifier.getValue()) && (system == null || system.equals(systemOf(identifier)));
        }

        @Override
        public String toString() {
            return system == null ? value : system + "|" + value;
        }
    }

    @Inject
    EntityManager entityManager;

    /**
     * Parses the value of the {@code identifier} search parameter: {@code system|value},
     * {@code |value} (no system) or {@code value} (any system), several separated by commas (any of them).
     */
    static List<Criterion> parse(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            throw new FhirException(400, FhirIssue.error(IssueType.REQUIRED, null, "fhir.error.identifier-parameter", "-"));
        }
        List<Criterion> criteria = new ArrayList<>();
        // A comma inside a value is escaped as \, in FHIR search; such values are not supported here.
        for (String token : parameter.split(",", -1)) {
            int bar = token.indexOf('|');
            String system = bar < 0 ? null : token.substring(0, bar);
            String value = bar < 0 ? token : token.substring(bar + 1);
            if (value.isEmpty() || value.contains("|") || token.contains("\\")) {
                throw new FhirException(400, FhirIssue.error(IssueType.INVALID, null, "fhir.error.identifier-parameter", parameter));
            }
            criteria.add(new Criterion(system, value));
        }
        return criteria;
    }

    /** Returns whether resources of the type have an {@code identifier} element, so a conditional update can find them. */
    static boolean hasIdentifiers(String resourceType) {
        return Fhir.CONTEXT.getResourceTypes().contains(resourceType)
                && Fhir.CONTEXT.getResourceDefinition(resourceType).getChildByName("identifier") != null;
    }

    /** Returns the identifiers of a resource that have a value. */
    static List<Identifier> of(Resource resource) {
        Property property = resource.getNamedProperty("identifier");
        List<Identifier> identifiers = new ArrayList<>();
        if (property != null) {
            for (Base value : property.getValues()) {
                if (value instanceof Identifier identifier && identifier.hasValue()) {
                    identifiers.add(identifier);
                }
            }
        }
        return identifiers;
    }

    /** Takes the advisory locks of these values of one type; see {@link #lockAll}. */
    void lock(UUID organisationId, String resourceType, Collection<String> values) {
        lockAll(organisationId, values.stream().map(value -> new String[] {resourceType, value}).toList());
    }

    /**
     * Takes the advisory locks of these type and value pairs, in one fixed order, so that two
     * requests never each wait for a lock the other holds. Locks already held are taken again at no cost.
     */
    void lockAll(UUID organisationId, Collection<String[]> typesAndValues) {
        Set<Long> keys = new TreeSet<>();
        for (String[] typeAndValue : typesAndValues) {
            keys.add(lockKey(organisationId, typeAndValue[0], typeAndValue[1]));
        }
        for (long key : keys) {
            entityManager.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(:key)) as locked")
                    .setParameter("key", key)
                    .getSingleResult();
        }
    }

    /** Returns the ids of the organisation's resources of the type that hold any of the identifiers. */
    List<String> match(UUID organisationId, String resourceType, List<Criterion> criteria) {
        Set<String> ids = new LinkedHashSet<>();
        for (Criterion criterion : criteria) {
            @SuppressWarnings("unchecked")
            List<String> found = entityManager.createNativeQuery("""
                    select r.resource_id from fhir_identifier i join fhir_resource r on r.id = i.resource_row_id
                    where i.organisation_id = ?1 and i.resource_type = ?2 and i.value = ?3 and (?4 = '*' or i.system = ?4)
                    order by r.resource_id""")
                    .setParameter(1, organisationId)
                    .setParameter(2, resourceType)
                    .setParameter(3, criterion.value())
                    .setParameter(4, criterion.system() == null ? "*" : criterion.system())
                    .getResultList();
            ids.addAll(found);
        }
        return new ArrayList<>(ids);
    }

    /**
     * Replaces the identifier rows of a stored resource with its current identifiers. An identifier
     * that another resource of the type already has stays with that resource; the returned warnings
     * say so.
     */
    List<FhirIssue> index(UUID organisationId, UUID rowId, Resource resource) {
        String type = resource.fhirType();
        List<Identifier> identifiers = of(resource);
        lock(organisationId, type, identifiers.stream().map(Identifier::getValue).toList());
        entityManager.createNativeQuery("delete from fhir_identifier where resource_row_id = ?1")
                .setParameter(1, rowId)
                .executeUpdate();
        List<FhirIssue> warnings = new ArrayList<>();
        for (int index = 0; index < identifiers.size(); index++) {
            Identifier identifier = identifiers.get(index);
            int inserted = entityManager.createNativeQuery("""
                    insert into fhir_identifier (resource_row_id, organisation_id, resource_type, system, value)
                    values (?1, ?2, ?3, ?4, ?5)
                    on conflict do nothing""")
                    .setParameter(1, rowId)
                    .setParameter(2, organisationId)
                    .setParameter(3, type)
                    .setParameter(4, systemOf(identifier))
                    .setParameter(5, identifier.getValue())
                    .executeUpdate();
            if (inserted == 0) {
                String holder = holder(organisationId, type, identifier);
                warnings.add(new FhirIssue(IssueSeverity.WARNING, IssueType.DUPLICATE, type + ".identifier[" + index + "]",
                        "fhir.warning.identifier-taken", new Criterion(systemOf(identifier), identifier.getValue()).toString(),
                        type + "/" + holder));
            }
        }
        return warnings;
    }

    private String holder(UUID organisationId, String type, Identifier identifier) {
        return (String) entityManager.createNativeQuery("""
                select r.resource_id from fhir_identifier i join fhir_resource r on r.id = i.resource_row_id
                where i.organisation_id = ?1 and i.resource_type = ?2 and i.system = ?3 and i.value = ?4""")
                .setParameter(1, organisationId)
                .setParameter(2, type)
                .setParameter(3, systemOf(identifier))
                .setParameter(4, identifier.getValue())
                .getSingleResult();
    }

    private static String systemOf(Identifier identifier) {
        return identifier.hasSystem() ? identifier.getSystem() : "";
    }

    /** Computes a 64-bit advisory lock key from the first 8 bytes of SHA-256 over organisation, type and value. */
    private static long lockKey(UUID organisationId, String resourceType, String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("fhir-identifier\n" + organisationId + "\n" + resourceType + "\n" + value).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
