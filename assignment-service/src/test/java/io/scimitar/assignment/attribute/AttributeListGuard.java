package io.scimitar.assignment.attribute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Names what an attribute of a list still lacks outside the service's code, which is driven by the list: a migration
 * creating its column. {@link #inEventContract} tells whether the event contract (the typed snapshot and its JSON
 * Schema) names it too, which an attribute added to the list need not: the event carries it as an optional field.
 */
public record AttributeListGuard(String schemaDefinition) {

    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    private static final Path SOURCES = Path.of("src/main/java");

    public List<String> placesMissing(Attribute attribute) throws IOException {
        List<String> missing = new ArrayList<>();
        if (!migrated(attribute.column())) {
            missing.add(attribute.name() + ": no migration creates " + attribute.column());
        }
        return missing;
    }

    /** The event schema ({@code common.json}'s snapshot definition) has a property of this name. */
    public boolean inEventContract(Attribute attribute) throws IOException {
        try (InputStream in = AttributeListGuard.class.getResourceAsStream("/schemas/v1/common.json")) {
            if (in == null) {
                throw new IllegalStateException("The event schema is not on the test classpath");
            }
            return new ObjectMapper().readTree(in).path("$defs").path(schemaDefinition).path("properties")
                    .has(attribute.name());
        }
    }

    /** The main source files, other than the attribute lists, that spell out the name or the column of {@code a}. */
    public static List<String> sourcesNaming(Attribute a) throws IOException {
        List<String> declarations = List.of("UserAttributes.java", "GroupAttributes.java");
        Pattern spelled = Pattern.compile("\\b(" + Pattern.quote(a.name()) + "|" + Pattern.quote(a.column()) + ")\\b");
        try (Stream<Path> files = Files.walk(SOURCES)) {
            List<String> naming = new ArrayList<>();
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (!declarations.contains(file.getFileName().toString())
                        && spelled.matcher(Files.readString(file)).find()) {
                    naming.add(file.getFileName().toString());
                }
            }
            return naming;
        }
    }

    private static boolean migrated(String column) throws IOException {
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
                if (Pattern.compile("\\b" + Pattern.quote(column) + "\\b").matcher(Files.readString(file)).find()) {
                    return true;
                }
            }
        }
        return false;
    }
}
