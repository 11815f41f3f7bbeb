package nl.clientapp.fhir;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import nl.clientapp.support.TestIntegrators;

@QuarkusTest
class FhirProfileAndDocumentTest {

    private static final String PATIENT = "nl-core-Patient-01";
    private static final String PROFILE_SECTION = "https://clientapp.nl/fhir/CodeSystem/profile-section";

    @Inject
    TestIntegrators integrators;

    @Inject
    DossierRows rows;

    @Test
    void document_reference_with_mijn_verhaal_fills_life_story() {
        TestIntegrators.Credentials integrator = integrators.create();
        String token = integrator.accessToken();
        put(token, FhirFixtures.nictiz(PATIENT).parse());
        DocumentReference story = new DocumentReference().setStatus(DocumentReferenceStatus.CURRENT)
                .setType(new CodeableConcept(new Coding(PROFILE_SECTION, "mijn-verhaal", "Mijn verhaal")))
                .setSubject(new Reference("Patient/" + PATIENT));
        story.setId("story-1");
        story.addContent().getAttachment().setContentType("text/plain; charset=utf-8")
                .setData("Geboren in Hoogmade, werkte veertig jaar in de bloemen.".getBytes(StandardCharsets.UTF_8));

        put(token, story);

        UUID clientId = rows.clientId(integrator.organisationId(), PATIENT);
        assertEquals("Geboren in Hoogmade, werkte veertig jaar in de bloemen.",
                rows.value("select text from profile_section where client_id = ?1 and kind = 'LIFE_STORY'", clientId));
        assertEquals(0L, rows.count("select count(*) from document where client_id = ?1", clientId));
    }

    @Test
    void composition_with_beeldvorming_fills_overall_picture() {
        TestIntegrators.Credentials integrator = integrators.create();
        String token = integrator.accessToken();
        put(token, FhirFixtures.nictiz(PATIENT).parse());
        Composition picture = new Composition().setStatus(Composition.CompositionStatus.FINAL)
                .setType(new CodeableConcept(new Coding(PROFILE_SECTION, "beeldvorming", "Beeldvorming")))
                .setSubject(new Reference("Patient/" + PATIENT))
                .setDateElement(new DateTimeType("2024-03-01"))
                .setTitle("Beeldvorming");
        picture.setId("picture-1");
        Narrative narrative = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
        narrative.setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Mevrouw is opgewekt &amp; sociaal.</p></div>");
        picture.addSection().setTitle("Algemeen").setText(narrative);

        put(token, picture);

        UUID clientId = rows.clientId(integrator.organisationId(), PATIENT);
        assertEquals("Mevrouw is opgewekt & sociaal.",
                rows.value("select text from profile_section where client_id = ?1 and kind = 'OVERALL_PICTURE'", clientId));
        assertEquals(0L, rows.count("select count(*) from report where client_id = ?1", clientId));
    }

    @Test
    void document_reference_to_imported_binary_becomes_document() {
        TestIntegrators.Credentials integrator = integrators.create();
        String token = integrator.accessToken();
        put(token, FhirFixtures.nictiz(PATIENT).parse());
        byte[] pdf = "%PDF-1.4 test document".getBytes(StandardCharsets.US_ASCII);
        Binary binary = new Binary().setContentType("application/pdf").setData(pdf);
        binary.setId("letter-1");
        DocumentReference letter = new DocumentReference().setStatus(DocumentReferenceStatus.CURRENT)
                .setSubject(new Reference("Patient/" + PATIENT))
                .setDescription("Ontslagbrief");
        letter.setId("letter-1");
        letter.addCategory().setText("Brieven");
        letter.addContent().getAttachment().setContentType("application/pdf").setUrl("Binary/letter-1");

        put(token, letter);
        put(token, binary);

        UUID clientId = rows.clientId(integrator.organisationId(), PATIENT);
        List<Object[]> document = rows.rows("select title, category, content_type, size_bytes, id from document where client_id = ?1", clientId);
        assertEquals(1, document.size(), "the document was not projected when its Binary arrived");
        assertEquals("Ontslagbrief", document.get(0)[0]);
        assertEquals("Brieven", document.get(0)[1]);
        assertEquals("application/pdf", document.get(0)[2]);
        assertEquals((long) pdf.length, ((Number) document.get(0)[3]).longValue());
        assertArrayEquals(pdf, (byte[]) rows.value("select content from document_content where document_id = ?1", document.get(0)[4]));
    }

    @Test
    void care_team_members_named_after_practitioner() {
        TestIntegrators.Credentials integrator = integrators.create();
        String token = integrator.accessToken();
        put(token, FhirFixtures.nictiz(PATIENT).parse());
        CareTeam team = (CareTeam) FhirFixtures.nictiz("nl-core-CareTeam-01").parse();
        // The Nictiz CareTeam names no subject; an ECD would name the client it belongs to.
        team.setSubject(new Reference("Patient/" + PATIENT));

        put(token, team);
        put(token, FhirFixtures.nictiz("nl-core-CareTeam-01-RelatedPerson-01").parse());
        put(token, FhirFixtures.nictiz("nl-core-CareTeam-01-PractitionerRole-01").parse());
        put(token, FhirFixtures.nictiz("nl-core-CareTeam-01-Practitioner-01").parse());

        UUID clientId = rows.clientId(integrator.organisationId(), PATIENT);
        List<Object[]> doctor = rows.rows("select kind, name, role_description from network_member where client_id = ?1 "
                + "and source_ref = 'PractitionerRole/nl-core-CareTeam-01-PractitionerRole-01'", clientId);
        assertEquals(1, doctor.size(), "the PractitionerRole participant is not in the network");
        assertEquals("PROFESSIONAL", doctor.get(0)[0]);
        assertEquals("W. Klaasen", doctor.get(0)[1]);
        assertEquals("Huisartsen, niet nader gespecificeerd", doctor.get(0)[2]);
        assertEquals("RELATIVE", rows.value("select kind from network_member where client_id = ?1 "
                + "and source_ref = 'RelatedPerson/nl-core-CareTeam-01-RelatedPerson-01'", clientId));
        assertEquals("Jan de Wit", rows.value("select name from network_member where client_id = ?1 "
                + "and source_ref = 'RelatedPerson/nl-core-CareTeam-01-RelatedPerson-01'", clientId));
        assertEquals(0L, rows.count("select count(*) from network_member where client_id = ?1 and source_ref like 'Patient/%'", clientId));
    }

    @Test
    void report_reads_soep_line_arriving_later() {
        TestIntegrators.Credentials integrator = integrators.create();
        String token = integrator.accessToken();
        put(token, FhirFixtures.nictiz(PATIENT).parse());
        Composition report = (Composition) FhirFixtures.nictiz("nl-core-SOAPReport-01").parse();
        report.setSubject(new Reference("Patient/" + PATIENT));
        put(token, report);
        UUID clientId = rows.clientId(integrator.organisationId(), PATIENT);
        String before = (String) rows.value("select cast(sections as text) from report where client_id = ?1", clientId);

        put(token, FhirFixtures.nictiz("nl-core-SOAPReport.SOAPLine-01").parse());

        String after = (String) rows.value("select cast(sections as text) from report where client_id = ?1", clientId);
        // Before the line arrives the section shows its narrative, which labels the text "SOAPLineText:".
        assertTrue(before.contains("\"text\": \"SOAPLineText: Sinds 2 maanden hoesten."), before);
        assertTrue(after.contains("\"text\": \"Sinds 2 maanden hoesten."), after);
        assertFalse(after.contains("SOAPLineText: Sinds"), after);
    }

    @Test
    void entered_in_error_observation_leaves_timeline() {
        TestIntegrators.Credentials integrator = integrators.create();
        String token = integrator.accessToken();
        put(token, FhirFixtures.nictiz(PATIENT).parse());
        Observation weight = (Observation) FhirFixtures.nictiz("nl-core-BodyWeight-01").parse();
        put(token, weight);
        UUID clientId = rows.clientId(integrator.organisationId(), PATIENT);
        assertNotNull(rows.value("select id from measurement where client_id = ?1", clientId));

        weight.setStatus(Observation.ObservationStatus.ENTEREDINERROR);
        put(token, weight);

        assertEquals(0L, rows.count("select count(*) from measurement where client_id = ?1", clientId));
        assertEquals(0L, rows.count("select count(*) from timeline_item where client_id = ?1", clientId));
        assertEquals(2, rows.version(integrator.organisationId(), "Observation", "nl-core-BodyWeight-01"));
    }

    private static void put(String token, Resource resource) {
        given().auth().oauth2(token).contentType("application/fhir+json; charset=UTF-8")
                .body(Fhir.CONTEXT.newJsonParser().encodeResourceToString(resource))
                .when().put("/fhir/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart())
                .then().statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(200), org.hamcrest.Matchers.is(201)));
    }
}
