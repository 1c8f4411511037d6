package io.scimitar.mock.patch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/** One item of a PATCH request: {@code op} in any letter case, optional {@code path}, optional {@code value}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PatchOperation(String op, String path, JsonNode value) {
}
