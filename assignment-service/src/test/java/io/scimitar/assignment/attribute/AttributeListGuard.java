package io.scimitar.assignment.attribute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Names every place that spells out an object's attributes and lacks one: the records (REST, service, event), the
 * event schema, the SQL column list and the migrations.
 */
public record AttributeListGuard(List<Class<?>> records, String schemaDefinition, String columns,
        String columnsName) {

    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

    public List<String> placesMissing(Attribute<?> attribute) throws IOException {
        List<String> missing = new ArrayList<>();
        String name = attribute.name();
        for (Class<?> type : records) {
            if (component(type, name) == null) {
                missing.add(name + ": " + type.getSimpleName() + " has no such component");
            }
        }
        if (!eventSchema().has(name)) {
            missing.add(name + ": the event schema (common.json " + schemaDefinition + ") has no such property");
        }
        if (!word(attribute.column()).matcher(columns).find()) {
            missing.add(name + ": " + columnsName + " does not read " + attribute.column());
        }
        if (!migrated(attribute.column())) {
            missing.add(name + ": no migration creates " + attribute.column());
        }
        return missing;
    }

    public static RecordComponent component(Class<?> type, String name) {
        return Arrays.stream(type.getRecordComponents()).filter(c -> c.getName().equals(name)).findFirst()
                .orElse(null);
    }

    private JsonNode eventSchema() throws IOException {
        try (InputStream in = AttributeListGuard.class.getResourceAsStream("/schemas/v1/common.json")) {
            if (in == null) {
                throw new IllegalStateException("The event schema is not on the test classpath");
            }
            return new ObjectMapper().readTree(in).path("$defs").path(schemaDefinition).path("properties");
        }
    }

    private static boolean migrated(String column) throws IOException {
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
                if (word(column).matcher(Files.readString(file)).find()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Pattern word(String column) {
        return Pattern.compile("\\b" + Pattern.quote(column) + "\\b");
    }
}
