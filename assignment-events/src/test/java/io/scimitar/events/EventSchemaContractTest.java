package io.scimitar.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON Schemas and the records must describe the same events: neither side may drift. */
class EventSchemaContractTest {

    private static final String BASE = "https://scimitar.io/schemas/assignment-events/v1/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(BASE, "classpath:schemas/v1/")));

    @Test
    void everyEncodedEventValidatesAgainstItsSchema() throws IOException {
        for (AssignmentEvent event : SampleEvents.oneOfEach()) {
            JsonSchema schema = FACTORY.getSchema(SchemaLocation.of(BASE + event.type() + ".json"));
            Set<ValidationMessage> errors = schema.validate(JSON.readTree(AssignmentEventCodec.encode(event)));
            assertThat(errors).as(event.type()).isEmpty();
        }
    }

    @Test
    void everyEncodedApplicationEventValidatesAgainstItsSchema() throws IOException {
        for (ApplicationEvent event : SampleEvents.oneOfEachApplicationEvent()) {
            JsonSchema schema = FACTORY.getSchema(SchemaLocation.of(BASE + event.type() + ".json"));
            Set<ValidationMessage> errors = schema.validate(JSON.readTree(ApplicationEventCodec.encode(event)));
            assertThat(errors).as(event.type()).isEmpty();
            assertThat(propertyNames(readSchema(event.type() + ".json").get("properties"))).as(event.type())
                    .isEqualTo(componentNames(event.getClass()));
        }
    }

    @Test
    void schemaRejectsAWrongSchemaVersionAndUnknownFields() throws IOException {
        AssignmentEvent event = SampleEvents.oneOfEach().get(0);
        JsonSchema schema = FACTORY.getSchema(SchemaLocation.of(BASE + event.type() + ".json"));
        String json = AssignmentEventCodec.encodeToString(event);
        assertThat(schema.validate(JSON.readTree(json.replace("\"schemaVersion\":1", "\"schemaVersion\":7"))))
                .isNotEmpty();
        assertThat(schema.validate(JSON.readTree(json.replace("{\"type\"", "{\"surprise\":1,\"type\""))))
                .isNotEmpty();
    }

    @Test
    void recordComponentsAndSchemaPropertiesAreTheSame() throws IOException {
        for (AssignmentEvent event : SampleEvents.oneOfEach()) {
            JsonNode schema = readSchema(event.type() + ".json");
            assertThat(propertyNames(schema.get("properties"))).as(event.type())
                    .isEqualTo(componentNames(event.getClass()));
        }
        JsonNode defs = readSchema("common.json").get("$defs");
        assertThat(propertyNames(defs.get("UserSnapshot").get("properties"))).isEqualTo(componentNames(UserSnapshot.class));
        assertThat(propertyNames(defs.get("GroupSnapshot").get("properties"))).isEqualTo(componentNames(GroupSnapshot.class));
        assertThat(propertyNames(defs.get("RoleAssignment").get("properties"))).isEqualTo(componentNames(RoleAssignment.class));
        assertThat(propertyNames(defs.get("MemberRef").get("properties"))).isEqualTo(componentNames(MemberRef.class));
        assertThat(propertyNames(defs.get("SnapshotPart").get("properties")))
                .isEqualTo(componentNames(GroupMembershipEvent.SnapshotPart.class));
    }

    private static JsonNode readSchema(String name) throws IOException {
        try (InputStream in = EventSchemaContractTest.class.getResourceAsStream("/schemas/v1/" + name)) {
            return JSON.readTree(in);
        }
    }

    private static Set<String> propertyNames(JsonNode properties) {
        Set<String> names = new HashSet<>();
        for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static Set<String> componentNames(Class<?> record) {
        return new HashSet<>(Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList());
    }
}
