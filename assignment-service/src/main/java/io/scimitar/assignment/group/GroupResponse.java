package io.scimitar.assignment.group;

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
 * A group as the API returns it: {@code id}, the attributes of {@link GroupAttributes#ALL}, its times and
 * {@code version}, which is also sent as the ETag.
 */
@JsonSerialize(using = GroupResponse.Writer.class)
public record GroupResponse(UUID id, AttributeValues attributes, Instant createdDateTime, Instant modifiedDateTime,
        Instant deletedDateTime, long version) {

    /** Writes the JSON object of a response. */
    @RegisterForReflection
    public static final class Writer extends StdSerializer<GroupResponse> {

        public Writer() {
            super(GroupResponse.class);
        }

        @Override
        public void serialize(GroupResponse response, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            AttributeJson.writeStored(generator, provider, response.id(), response.attributes(),
                    response.createdDateTime(), response.modifiedDateTime(), response.deletedDateTime(),
                    response.version());
        }
    }
}
