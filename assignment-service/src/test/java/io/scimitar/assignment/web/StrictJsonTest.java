package io.scimitar.assignment.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimitar.assignment.error.FieldError;
import io.scimitar.assignment.error.JsonErrors;
import io.scimitar.assignment.user.UserRequest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class StrictJsonTest {

    private static final ObjectMapper JSON = StrictJson.apply(new ObjectMapper());
    private static final String USER = "\"userPrincipalName\":\"ada@contoso.com\",\"displayName\":\"Ada\"";

    @Test
    void readsAWellFormedUserExactly() throws Exception {
        UserRequest user = JSON.readValue("{" + USER + ",\"accountEnabled\":false,\"businessPhones\":[\"+44 1\"],"
                + "\"extensionAttributes\":{\"extension_a_n\":9007199254740991,\"extension_a_f\":1.5,"
                + "\"extension_a_l\":[\"x\",true],\"extension_a_s\":\"Zoë \uD83D\uDE00\"}}", UserRequest.class);
        assertThat(user.attributes().bool("accountEnabled")).isFalse();
        assertThat(user.extensionAttributes()).containsEntry("extension_a_n", 9007199254740991L)
                .containsEntry("extension_a_f", 1.5).containsEntry("extension_a_l", List.of("x", true))
                .containsEntry("extension_a_s", "Zoë \uD83D\uDE00");
    }

    @Test
    void refusesAnythingAfterTheBody() {
        assertThat(refusal("{" + USER + "} {\"x\":1}")).isEqualTo(
                new FieldError(null, "must be a single JSON value with nothing after it"));
        assertThat(refusal("{" + USER + "}garbage").reason()).startsWith("is not valid JSON");
    }

    @Test
    void refusesValuesOfAnotherJsonTypeNamingTheField() {
        assertThat(refusal("{" + USER.replace("\"Ada\"", "true") + "}"))
                .isEqualTo(new FieldError("displayName", "must be a string"));
        assertThat(refusal("{" + USER + ",\"jobTitle\":1e400}"))
                .isEqualTo(new FieldError("jobTitle", "must be a string"));
        assertThat(refusal("{" + USER + ",\"accountEnabled\":0}"))
                .isEqualTo(new FieldError("accountEnabled", "must be true or false"));
        assertThat(refusal("{" + USER + ",\"accountEnabled\":\"true\"}"))
                .isEqualTo(new FieldError("accountEnabled", "must be true or false"));
        assertThat(refusal("{" + USER + ",\"businessPhones\":[7]}").field()).isEqualTo("businessPhones[0]");
        assertThat(refusal("[]")).isEqualTo(new FieldError(null, "must be a JSON object"));
    }

    @Test
    void refusesNumbersThatCannotBeKeptExactly() {
        assertThat(refusal("{" + USER + ",\"extensionAttributes\":{\"extension_a_n\":1e400}}"))
                .isEqualTo(new FieldError("extensionAttributes.extension_a_n", "must be a finite number"));
        assertThat(refusal("{" + USER + ",\"extensionAttributes\":{\"extension_a_n\":123456789012345678901234567890}}")
                .reason()).startsWith("must be an integer between");
        assertThat(refusal("{" + USER + ",\"extensionAttributes\":{\"extension_a_n\":9007199254740992}}").field())
                .isEqualTo("extensionAttributes.extension_a_n");
    }

    @Test
    void refusesNulControlCharactersAndLoneSurrogatesInEveryText() {
        assertThat(refusal("{" + USER + ",\"city\":\"a\\u0000b\"}"))
                .isEqualTo(new FieldError("city", "must not contain the NUL character (U+0000)"));
        assertThat(refusal("{" + USER + ",\"surname\":\"\\ud800\"}").field()).isEqualTo("surname");
        assertThat(refusal("{" + USER + ",\"businessPhones\":[\"\\u0000\"]}").field()).isEqualTo("businessPhones[0]");
        assertThat(refusal("{" + USER + ",\"extensionAttributes\":{\"extension_a_s\":\"\\udc00\"}}").field())
                .isEqualTo("extensionAttributes.extension_a_s");
        assertThat(refusal("{" + USER + ",\"extensionAttributes\":{\"extension_a_s\":[\"ok\",\"\\u0000\"]}}")
                .field()).isEqualTo("extensionAttributes.extension_a_s");
    }

    @Test
    void namesUnknownFieldsWithoutJavaTypes() {
        FieldError unknown = refusal("{" + USER + ",\"favouriteColour\":\"red\"}");
        assertThat(unknown).isEqualTo(new FieldError("favouriteColour", "is not a known field"));
        assertThat(JsonErrors.sentence(unknown)).isEqualTo("Field 'favouriteColour' is not a known field");
    }

    @Test
    void saysWhereTheJsonIsBrokenWithoutParserText() {
        FieldError broken = refusal("{\"displayName\": \"x\",");
        assertThat(broken.field()).isNull();
        assertThat(broken.reason()).startsWith("is not valid JSON (line 1, column ").doesNotContain("Unexpected");
    }

    @Test
    void refusesBodiesAboveTheReadingLimits() {
        FieldError tooLarge = refusal("{" + USER + ",\"city\":\"" + "x".repeat(5_000_000) + "\"}");
        assertThat(tooLarge).isEqualTo(new FieldError(null, "is too large"));
        String deep = "[".repeat(40) + "]".repeat(40);
        assertThat(refusal("{" + USER + ",\"extensionAttributes\":{\"extension_a_l\":" + deep + "}}"))
                .isEqualTo(new FieldError(null, "is nested too deeply or holds a number that is too long"));
    }

    private static FieldError refusal(String body) {
        JsonProcessingException e = catchThrowableOfType(JsonProcessingException.class,
                () -> JSON.readValue(body, UserRequest.class));
        assertThat(e).as("refused: " + body).isNotNull();
        FieldError error = JsonErrors.describe(e);
        assertThat(error.reason()).doesNotContain("java.", "io.scimitar", "`");
        return error;
    }
}
