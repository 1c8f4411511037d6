package io.scimitar.assignment.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimitar.assignment.error.MalformedInputException;
import io.scimitar.assignment.group.GroupRequest;
import io.scimitar.assignment.group.GroupRequests;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MergePatchTest {

    private static final ObjectMapper JSON = StrictJson.apply(new ObjectMapper());
    private static final GroupRequest CURRENT = GroupRequests.of("6d1b7a3e-6f0e-4a52-9d37-1f8b0c7a2e11", "Sales",
            "sales", "The sales team", true);

    @Test
    void replacesThePresentFieldsAndKeepsTheOthers() {
        GroupRequest merged = MergePatch.apply(JSON, CURRENT, patch("{\"displayName\":\"Sales EMEA\"}"),
                GroupRequest.class, Set.of("id"));
        assertThat(merged).isEqualTo(GroupRequests.of(CURRENT.id(), "Sales EMEA", "sales", "The sales team", true));
    }

    @Test
    void clearsAFieldSetToNull() {
        GroupRequest merged = MergePatch.apply(JSON, CURRENT, patch("{\"description\":null,\"mailNickname\":null}"),
                GroupRequest.class, Set.of("id"));
        assertThat(merged.attributes().text("description")).isNull();
        assertThat(merged.attributes().text("mailNickname")).isNull();
        assertThat(merged.displayName()).isEqualTo("Sales");
    }

    @Test
    void anEmptyPatchChangesNothing() {
        assertThat(MergePatch.apply(JSON, CURRENT, patch("{}"), GroupRequest.class, Set.of("id"))).isEqualTo(CURRENT);
    }

    @Test
    void refusesAReadOnlyFieldNamingIt() {
        MalformedInputException refusal = catchThrowableOfType(MalformedInputException.class, () -> MergePatch.apply(
                JSON, CURRENT, patch("{\"id\":\"4d1b7a3e-6f0e-4a52-9d37-1f8b0c7a2e11\"}"), GroupRequest.class,
                Set.of("id")));
        assertThat(refusal.field()).isEqualTo("id");
        assertThat(refusal.getMessage()).isEqualTo("Field 'id' cannot be changed");
    }

    @Test
    void refusesAPatchThatIsNotAnObject() {
        assertThat(catchThrowableOfType(MalformedInputException.class, () -> MergePatch.apply(JSON, CURRENT,
                patch("[1]"), GroupRequest.class, Set.of()))).hasMessage("A merge patch must be a JSON object");
        assertThat(catchThrowableOfType(MalformedInputException.class, () -> MergePatch.apply(JSON, CURRENT, null,
                GroupRequest.class, Set.of()))).hasMessage("A merge patch must be a JSON object");
    }

    @Test
    void refusesUnknownFieldsAndWrongTypesNamingTheFieldWithoutJavaNames() {
        MalformedInputException unknown = catchThrowableOfType(MalformedInputException.class, () -> MergePatch.apply(
                JSON, CURRENT, patch("{\"colour\":\"red\"}"), GroupRequest.class, Set.of()));
        assertThat(unknown.field()).isEqualTo("colour");
        assertThat(unknown.getMessage()).isEqualTo("Field 'colour' is not a known field");
        MalformedInputException wrongType = catchThrowableOfType(MalformedInputException.class, () -> MergePatch
                .apply(JSON, CURRENT, patch("{\"securityEnabled\":\"yes\"}"), GroupRequest.class, Set.of()));
        assertThat(wrongType.field()).isEqualTo("securityEnabled");
        assertThat(wrongType.getMessage()).isEqualTo("Field 'securityEnabled' must be true or false");
    }

    private static JsonNode patch(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
