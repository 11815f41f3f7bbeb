package nl.clientapp.fhir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.hl7.fhir.r4.model.Resource;

/**
 * Reads the shared FHIR example files (Nictiz zib2020 XML, HL7 R4 examples, Synthea Bundles) from
 * {@code ../shared/fixtures/fhir}, relative to the project directory in which Maven runs the tests.
 */
public final class FhirFixtures {

    static final Path ROOT = Path.of("..", "shared", "fixtures", "fhir");

    /** One example file with the type and id of the resource in it. */
    public record Fixture(Path path, String content, String resourceType, String resourceId) {

        public boolean xml() {
            return path.getFileName().toString().endsWith(".xml");
        }

        public String mediaType() {
            return (xml() ? "application/fhir+xml" : "application/fhir+json") + "; charset=UTF-8";
        }

        /** Returns the resource parsed with HAPI, for tests that build Bundles from fixtures. */
        public Resource parse() {
            return (Resource) (xml() ? Fhir.CONTEXT.newXmlParser() : Fhir.CONTEXT.newJsonParser()).parseResource(content);
        }
    }

    private FhirFixtures() {
    }

    public static List<Fixture> nictiz() {
        return folder("nictiz-r4-zib2020", ".xml");
    }

    public static List<Fixture> hl7Examples() {
        return folder("hl7-r4-examples", ".json");
    }

    public static List<Fixture> synthea() {
        return folder("synthea", ".json");
    }

    public static Fixture nictiz(String name) {
        return read(folderPath("nictiz-r4-zib2020").resolve(name + ".xml"));
    }

    public static Fixture hl7Example(String name) {
        return read(folderPath("hl7-r4-examples").resolve(name + ".json"));
    }

    private static List<Fixture> folder(String name, String extension) {
        try (Stream<Path> files = Files.list(folderPath(name))) {
            // package.json describes the npm package the HL7 examples come from; it is no resource.
            return files.filter(path -> path.getFileName().toString().endsWith(extension))
                    .filter(path -> !path.getFileName().toString().equals("package.json"))
                    .sorted().map(FhirFixtures::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path folderPath(String name) {
        Path folder = ROOT.resolve(name);
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("FHIR fixtures not found at " + folder.toAbsolutePath().normalize()
                    + "; the tests expect the shared fixtures at ../shared/fixtures/fhir relative to the project directory");
        }
        return folder;
    }

    private static Fixture read(Path path) {
        try {
            String content = Files.readString(path, StandardCharsets.UTF_8);
            Resource resource = (Resource) (path.toString().endsWith(".xml") ? Fhir.CONTEXT.newXmlParser() : Fhir.CONTEXT.newJsonParser())
                    .parseResource(content);
            return new Fixture(path, content, resource.fhirType(), resource.getIdElement().getIdPart());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read FHIR fixture " + path.toAbsolutePath().normalize(), e);
        }
    }
}
