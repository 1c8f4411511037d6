package io.scimitar.assignment.user;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.scimitar.assignment.attribute.AttributeJson;
import io.scimitar.assignment.attribute.AttributeValues;

import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

/**
 * A user as the API returns it: {@code id}, the attributes of {@link UserAttributes#ALL}, its times and
 * {@code version}, which is also sent as the ETag.
 */
@JsonSerialize(using = UserResponse.Writer.class)
public record UserResponse(UUID id, AttributeValues attributes, Instant createdDateTime, Instant modifiedDateTime,
        Instant deletedDateTime, long version) {

    /** Writes the JSON object of a response. */
    @RegisterForReflection
    public static final class Writer extends StdSerializer<UserResponse> {

        public Writer() {
            super(UserResponse.class);
        }

        @Override
        public void serialize(UserResponse response, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            AttributeJson.writeStored(generator, provider, response.id(), response.attributes(),
                    response.createdDateTime(), response.modifiedDateTime(), response.deletedDateTime(),
                    response.version());
        }
    }
}
