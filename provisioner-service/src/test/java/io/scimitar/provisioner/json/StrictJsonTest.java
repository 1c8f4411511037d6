package io.scimitar.provisioner.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimitar.provisioner.error.JsonProblems;
import io.scimitar.provisioner.error.Problem;
import io.scimitar.provisioner.job.JobRequest;
import io.scimitar.provisioner.replay.ReplayResource.RestartBody;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class StrictJsonTest {

    private static final ObjectMapper JSON = StrictJsonCustomizer.strict(new ObjectMapper().findAndRegisterModules());

    @Test
    void refusesUnknownFieldsNamingThem() {
        assertThat(problem("{\"name\":\"x\",\"secretTokn\":\"t\"}", JobRequest.class))
                .isEqualTo(new Problem.FieldError("secretTokn", "is not a field of this request", null));
        assertThat(problem("{\"forceDelete\":true}", RestartBody.class).field()).isEqualTo("forceDelete");
    }

    @Test
    void refusesWrongJsonTypesInsteadOfCoercingThem() {
        assertThat(problem("{\"name\":true}", JobRequest.class))
                .isEqualTo(new Problem.FieldError("name", "must be a text", null));
        assertThat(problem("{\"name\":12}", JobRequest.class).message()).isEqualTo("must be a text");
        assertThat(problem("{\"name\":1e400}", JobRequest.class).message()).isEqualTo("must be a text");
        assertThat(problem("{\"deletionThreshold\":\"5\"}", JobRequest.class))
                .isEqualTo(new Problem.FieldError("deletionThreshold", "must be a whole number", null));
        assertThat(problem("{\"deletionThreshold\":1e400}", JobRequest.class).message())
                .isEqualTo("must be a whole number");
        assertThat(problem("{\"deletionThreshold\":123456789012345678901234567890}", JobRequest.class))
                .isEqualTo(new Problem.FieldError("deletionThreshold", "is out of range", null));
        assertThat(problem("{\"skipOutOfScopeDeletions\":0}", JobRequest.class).message())
                .isEqualTo("must be true or false");
        assertThat(problem("{\"profile\":\"NOPE\"}", JobRequest.class).message())
                .isEqualTo("must be one of MIRO, GENERIC_SCIM");
        assertThat(problem("{\"users\":{\"mappings\":[null]}}", JobRequest.class))
                .isEqualTo(new Problem.FieldError("users.mappings[0]", "must not be null", null));
    }

    @Test
    void refusesNulCharactersAndLoneSurrogates() {
        assertThat(problem("{\"name\":\"a\\u0000b\"}", JobRequest.class))
                .isEqualTo(new Problem.FieldError("name", "must not contain a NUL character", null));
        assertThat(problem("{\"name\":\"a\\ud800b\"}", JobRequest.class).message()).contains("lone UTF-16 surrogate");
    }

    @Test
    void keepsSurrogatePairsAndOrdinaryText() throws JsonProcessingException {
        assertThat(JSON.readValue("{\"name\":\"Zoë \\ud83d\\ude00\"}", JobRequest.class).name()).isEqualTo("Zoë 😀");
    }

    @Test
    void refusesTrailingContentAndMalformedBodiesWithoutParserText() {
        Problem trailing = body("{\"name\":\"x\"} {\"name\":\"y\"}", JobRequest.class);
        assertThat(trailing.errors()).isNull();
        assertThat(trailing.detail()).endsWith("the body must hold one JSON value and nothing after it");
        Problem malformed = body("{\"name\": ", JobRequest.class);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.detail()).doesNotContain("io.scimitar", "java.", "Unexpected end-of-input");
    }

    @Test
    void readsInstantsOnlyAsIsoTextNamingTheField() throws JsonProcessingException {
        assertThat(problem("{\"from\":-99999999999999}", RestartBody.class)).isEqualTo(new Problem.FieldError("from",
                "must be an ISO-8601 instant such as 2026-11-28T10:00:00Z", null));
        assertThat(problem("{\"from\":\"yesterday\"}", RestartBody.class).message()).startsWith("must be an ISO-8601");
        assertThat(JSON.readValue("{\"from\":\"2026-11-28T10:00:00Z\"}", RestartBody.class).from())
                .isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));
    }

    @Test
    void namesNoJavaClassInAnyMessage() {
        for (String body : new String[] {"{\"users\":\"x\"}", "{\"users\":{\"mappings\":{}}}", "[1]",
                "{\"rateLimits\":{\"budgets\":[1]}}", "{\"name\":{\"a\":1}}", "{\"name\":\"x\",\"name\":\"y\"}"}) {
            Problem problem = body(body, JobRequest.class);
            assertThat(problem.detail()).as(body).doesNotContain("io.scimitar", "java.", "`", "Cannot ");
        }
    }

    private static Problem.FieldError problem(String body, Class<?> type) {
        Problem problem = body(body, type);
        assertThat(problem.errors()).as(problem.detail()).hasSize(1);
        return problem.errors().get(0);
    }

    private static Problem body(String body, Class<?> type) {
        try {
            JSON.readValue(body, type);
        } catch (JsonProcessingException e) {
            return JsonProblems.problem(e, "/test");
        }
        throw new AssertionError("accepted: " + body);
    }
}
