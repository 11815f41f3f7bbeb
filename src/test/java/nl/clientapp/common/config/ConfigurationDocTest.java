package nl.clientapp.common.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

/**
 * Keeps docs/configuration.md complete: every {@code clientapp.*} setting that the code reads
 * ({@code @ConfigMapping} interfaces and {@code @ConfigProperty} fields) or that
 * application.properties sets has a row with its environment variable, every environment variable
 * that application.properties reads has a row, and no row names a {@code clientapp.*} setting that
 * the code no longer reads.
 */
class ConfigurationDocTest {

    private static final Path DOC = Path.of("docs", "configuration.md");
    private static final Path CLASSES = Path.of("target", "classes");
    private static final Pattern DOCUMENTED_SETTING = Pattern.compile("`(clientapp\\.[a-z0-9.*-]+)`");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

    @Test
    void every_setting_in_the_code_has_a_row() throws IOException {
        List<String> rows = tableRows();
        Set<String> settings = settingsInCode();

        List<String> missing = new ArrayList<>();
        for (String setting : settings) {
            boolean documented = rows.stream().anyMatch(row -> row.contains("`" + setting + "`")
                    && (setting.endsWith(".*") || row.contains("`" + environmentVariable(setting) + "`")));
            if (!documented) {
                missing.add(setting + " (" + environmentVariable(setting) + ")");
            }
        }

        assertTrue(settings.size() > 40, "the scan found the settings: " + settings);
        assertTrue(missing.isEmpty(), "Add rows with name and environment variable to " + DOC + " for " + missing);
    }

    @Test
    void every_placeholder_variable_has_a_row() throws IOException {
        List<String> rows = tableRows();
        String properties = Files.readString(Path.of("src", "main", "resources", "application.properties"));

        List<String> missing = new ArrayList<>();
        Matcher placeholder = PLACEHOLDER.matcher(properties);
        while (placeholder.find()) {
            String variable = placeholder.group(1);
            if (rows.stream().noneMatch(row -> row.contains("`" + variable + "`"))) {
                missing.add(variable);
            }
        }

        assertTrue(missing.isEmpty(), "Add rows to " + DOC + " for " + missing);
    }

    @Test
    void every_documented_setting_exists_in_the_code() throws IOException {
        Set<String> settings = settingsInCode();

        List<String> unknown = new ArrayList<>();
        for (String row : tableRows()) {
            Matcher documented = DOCUMENTED_SETTING.matcher(row.split("\\|")[1]);
            while (documented.find()) {
                if (!settings.contains(documented.group(1))) {
                    unknown.add(documented.group(1));
                }
            }
        }

        assertTrue(unknown.isEmpty(), "Rows of " + DOC + " name settings the code does not read: " + unknown);
    }

    /** Returns the environment variable of a property, as SmallRye Config maps names. */
    static String environmentVariable(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    private static List<String> tableRows() throws IOException {
        assertTrue(Files.isRegularFile(DOC), "Missing " + DOC);
        return Files.readAllLines(DOC).stream().filter(line -> line.startsWith("| ")).toList();
    }

    /** Collects the {@code clientapp.*} settings of the compiled classes and of application.properties. */
    static Set<String> settingsInCode() throws IOException {
        Set<String> settings = new TreeSet<>();
        for (Class<?> type : compiledClasses()) {
            ConfigMapping mapping = type.getAnnotation(ConfigMapping.class);
            if (mapping != null) {
                collectMapping(mapping.prefix(), type, settings);
            }
            for (Field field : type.getDeclaredFields()) {
                ConfigProperty property = field.getAnnotation(ConfigProperty.class);
                if (property != null && property.name().startsWith("clientapp.")) {
                    settings.add(property.name());
                }
            }
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src", "main", "resources", "application.properties"))) {
            properties.load(in);
        }
        for (String name : properties.stringPropertyNames()) {
            String withoutProfile = name.startsWith("%") ? name.substring(name.indexOf('.') + 1) : name;
            if (withoutProfile.startsWith("clientapp.") && !coveredByMap(withoutProfile, settings)) {
                settings.add(withoutProfile);
            }
        }
        return settings;
    }

    private static boolean coveredByMap(String name, Set<String> settings) {
        return settings.stream().anyMatch(setting -> setting.endsWith(".*")
                && name.startsWith(setting.substring(0, setting.length() - 1)));
    }

    private static void collectMapping(String prefix, Class<?> type, Set<String> settings) {
        for (Method method : type.getMethods()) {
            if (!Modifier.isAbstract(method.getModifiers()) || method.getParameterCount() > 0) {
                continue;
            }
            String name = propertyName(method);
            String path = method.isAnnotationPresent(WithParentName.class) ? prefix : prefix + "." + name;
            Type returned = method.getGenericReturnType();
            Class<?> raw = method.getReturnType();
            if (raw == Map.class) {
                settings.add(path + ".*");
            } else if (raw == Optional.class && returned instanceof ParameterizedType optional
                    && optional.getActualTypeArguments()[0] instanceof Class<?> inner && isGroup(inner)) {
                collectMapping(path, inner, settings);
            } else if (isGroup(raw)) {
                collectMapping(path, raw, settings);
            } else {
                settings.add(path);
            }
        }
    }

    private static boolean isGroup(Class<?> type) {
        return type.isInterface() && type.getName().startsWith("nl.clientapp.");
    }

    /** Returns the property name of a mapping method: its {@code @WithName}, or the method name in kebab case. */
    private static String propertyName(Method method) {
        WithName withName = method.getAnnotation(WithName.class);
        if (withName != null) {
            return withName.value();
        }
        return method.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static List<Class<?>> compiledClasses() throws IOException {
        assertTrue(Files.isDirectory(CLASSES), "Missing " + CLASSES + ": compile first");
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CLASSES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".class")).toList()) {
                String name = CLASSES.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                try {
                    classes.add(Class.forName(name, false, ConfigurationDocTest.class.getClassLoader()));
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new IllegalStateException("Cannot load compiled class " + name, e);
                }
            }
        }
        return classes;
    }

    /** Prints the settings found, to start a row for a new one. */
    public static void main(String[] args) throws IOException {
        for (String setting : settingsInCode()) {
            System.out.println(setting + "\t" + environmentVariable(setting));
        }
    }
}
