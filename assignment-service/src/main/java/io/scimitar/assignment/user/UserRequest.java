package io.scimitar.assignment.user;

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
 * The writable attributes of a user, as a create body, the result of a merge patch, or one import row: {@code id}
 * and the attributes of {@link UserAttributes#ALL} (its JSON fields, read with their kinds' types).
 * {@code id} may be given on create (e.g. to keep a source GUID); it is generated otherwise.
 */
@JsonDeserialize(using = UserRequest.Reader.class)
@JsonSerialize(using = UserRequest.Writer.class)
public record UserRequest(String id, AttributeValues attributes) {

    /** A request with {@code id} and the values of {@code attributes} by name (missing ones are null). */
    public static UserRequest of(String id, Map<String, ?> attributes) {
        return new UserRequest(id, AttributeValues.of(UserAttributes.ALL, attributes));
    }

    public String userPrincipalName() {
        return attributes.text("userPrincipalName");
    }

    public String displayName() {
        return attributes.text("displayName");
    }

    public String managerId() {
        return attributes.text("managerId");
    }

    public List<String> businessPhones() {
        return attributes.textList("businessPhones");
    }

    public Map<String, Object> extensionAttributes() {
        return attributes.extensions("extensionAttributes");
    }

    /** Reads the JSON object of a request. */
    @RegisterForReflection
    public static final class Reader extends StdDeserializer<UserRequest> {

        public Reader() {
            super(UserRequest.class);
        }

        @Override
        public UserRequest deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Map<String, Object> fields = AttributeJson.read(parser, context, UserRequest.class, List.of("id"),
                    UserAttributes.ALL);
            return of((String) fields.get("id"), fields);
        }
    }

    /** Writes a request as its JSON object: {@code id}, then the attributes in the list's order. */
    @RegisterForReflection
    public static final class Writer extends StdSerializer<UserRequest> {

        public Writer() {
            super(UserRequest.class);
        }

        @Override
        public void serialize(UserRequest request, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            generator.writeStartObject();
            generator.writeStringField("id", request.id());
            AttributeJson.write(generator, provider, request.attributes());
            generator.writeEndObject();
        }
    }
}
