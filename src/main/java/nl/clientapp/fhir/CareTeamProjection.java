package nl.clientapp.fhir;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CareTeam.CareTeamParticipantComponent;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;

/**
 * CareTeam → {@code network_member}: Practitioner and PractitionerRole participants become
 * PROFESSIONAL members, RelatedPerson participants RELATIVE members.
 */
@ApplicationScoped
class CareTeamProjection implements Projection {

    @Inject
    NetworkMembers networkMembers;

    @Inject
    ReferenceNames names;

    @Override
    public String resourceType() {
        return "CareTeam";
    }

    @Override
    public String documentation() {
        return "Network members of the CareTeam's subject. Practitioner and PractitionerRole participants become "
                + "PROFESSIONAL members (name from the Practitioner, role from the participant role or the "
                + "PractitionerRole's code and specialty, organisation); RelatedPerson participants become RELATIVE "
                + "members. A participant whose resource was not imported is shown with its reference display.";
    }

    @Override
    public ProjectionOutcome project(UUID organisationId, UUID clientId, Resource resource) {
        CareTeam team = (CareTeam) resource;
        int projected = 0;
        for (CareTeamParticipantComponent participant : team.getParticipant()) {
            Optional<NetworkMembers.Member> member = member(organisationId, participant);
            if (member.isPresent()) {
                networkMembers.upsert(clientId, member.get());
                projected++;
            }
        }
        // NOTE: a participant removed from the CareTeam stays in the network, because another CareTeam or
        // the person's own resource may have added the same member.
        return projected > 0 ? ProjectionOutcome.PROJECTED : ProjectionOutcome.skipped("no-participants");
    }

    private Optional<NetworkMembers.Member> member(UUID organisationId, CareTeamParticipantComponent participant) {
        Reference reference = participant.getMember();
        String sourceRef = FhirValues.relativeReference(reference);
        if (sourceRef == null) {
            return Optional.empty();
        }
        String type = sourceRef.substring(0, sourceRef.indexOf('/'));
        String name = names.name(organisationId, reference);
        if (name == null) {
            return Optional.empty();
        }
        String participantRole = FhirValues.display(participant.getRole());
        Optional<Resource> resolved = names.resolve(organisationId, reference);

        switch (type) {
            case "RelatedPerson" -> {
                String relation = resolved.map(RelatedPerson.class::cast).map(person -> FhirValues.display(person.getRelationship()))
                        .orElse(participantRole);
                String phone = resolved.map(RelatedPerson.class::cast).map(person -> FhirValues.phone(person.getTelecom())).orElse(null);
                return Optional.of(new NetworkMembers.Member(sourceRef, NetworkMembers.RELATIVE, name, relation, null, null, phone));
            }
            case "Practitioner" -> {
                return Optional.of(new NetworkMembers.Member(sourceRef, NetworkMembers.PROFESSIONAL, name, null, participantRole,
                        names.name(organisationId, participant.getOnBehalfOf()), null));
            }
            case "PractitionerRole" -> {
                Optional<PractitionerRole> role = resolved.map(PractitionerRole.class::cast);
                String roleDescription = participantRole != null ? participantRole : role.map(CareTeamProjection::roleDescription).orElse(null);
                String organisation = role.map(found -> names.organisationName(organisationId, found))
                        .orElseGet(() -> names.name(organisationId, participant.getOnBehalfOf()));
                String phone = role.map(found -> FhirValues.phone(found.getTelecom())).orElse(null);
                return Optional.of(new NetworkMembers.Member(sourceRef, NetworkMembers.PROFESSIONAL, name, null, roleDescription,
                        organisation, phone));
            }
            default -> {
                // Patients, Organizations and CareTeams as participants are not people in the client's network.
                return Optional.empty();
            }
        }
    }

    private static String roleDescription(PractitionerRole role) {
        String displays = FhirValues.display(List.copyOf(role.getCode()));
        String specialties = FhirValues.display(List.copyOf(role.getSpecialty()));
        if (displays != null && specialties != null) {
            return displays + ", " + specialties;
        }
        return displays != null ? displays : specialties;
    }
}
