package io.scimitar.mock.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.scimitar.mock.schema.ScimSchemas;

import java.util.List;

/** The SCIM ListResponse message (RFC 7644 §3.4.2). */
@JsonPropertyOrder({"schemas", "totalResults", "startIndex", "itemsPerPage", "Resources"})
public record ListResponse<T>(List<String> schemas, int totalResults, int startIndex, int itemsPerPage,
                              @JsonProperty("Resources") List<T> resources) {

    public static <T> ListResponse<T> of(int totalResults, int startIndex, List<T> page) {
        return new ListResponse<>(List.of(ScimSchemas.LIST_RESPONSE), totalResults, startIndex, page.size(), page);
    }
}
