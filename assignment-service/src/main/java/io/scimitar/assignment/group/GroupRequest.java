package io.scimitar.assignment.group;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.scimitar.assignment.attribute.AttributeJson;
import io.scimitar.assignment.attribute.AttributeValues;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The writable attributes of a group, as a create body, the result of a merge patch, or one import row: {@code id}
 * and the attributes of {@link GroupAttributes#ALL} (its JSON fields, read with their kinds' types).
 */
@JsonDeserialize(using = GroupRequest.Reader.class)
@JsonSerialize(using = GroupRequest.Writer.class)
public record GroupRequest(String id, AttributeValues attributes) {

    /** A request with {@code id} and the values of {@code attributes} by name (missing ones are null). */
    public static GroupRequest of(String id, Map<String, ?> attributes) {
        return new GroupRequest(id, AttributeValues.of(GroupAttributes.ALL, attributes));
    }

    public String displayName() {
        return attributes.text("displayName");
    }

    /** Reads the JSON object of a request. */
    @RegisterForReflection
    public static final class Reader extends StdDeserializer<GroupRequest> {

        public Reader() {
            super(GroupRequest.class);
        }

        @Override
        public GroupRequest deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Map<String, Object> fields = AttributeJson.read(parser, context, GroupRequest.class, List.of("id"),
                    GroupAttributes.ALL);
            return of((String) fields.get("id"), fields);
        }
    }

    /** Writes a request as its JSON object: {@code id}, then the attributes in the list's order. */
    @RegisterForReflection
    public static final class Writer extends StdSerializer<GroupRequest> {

        public Writer() {
            super(GroupRequest.class);
        }

        @Override
        public void serialize(GroupRequest request, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            generator.writeStartObject();
            generator.writeStringField("id", request.id());
            AttributeJson.write(generator, provider, request.attributes());
            generator.writeEndObject();
        }
    }
}
