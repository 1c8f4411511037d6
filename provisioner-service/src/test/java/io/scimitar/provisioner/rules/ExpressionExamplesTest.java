package io.scimitar.provisioner.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimitar.provisioner.rules.expression.ExpressionParseException;
import io.scimitar.provisioner.rules.parser.ExpressionParser;
import io.scimitar.provisioner.rules.expression.ExpressionResult;
import io.scimitar.provisioner.rules.function.FunctionCatalog;
import io.scimitar.provisioner.rules.expression.FunctionDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every example of Microsoft's expression functions reference, plus edge cases, from rules/expression-examples.json. */
class ExpressionExamplesTest {

    private static final JsonNode TABLE = readTable();

    private static JsonNode readTable() {
        try (InputStream in = ExpressionExamplesTest.class.getResourceAsStream("/rules/expression-examples.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> examples() {
        return StreamSupport.stream(TABLE.get("examples").spliterator(), false)
                .map(row -> Arguments.of(row.get("name").asText(), row));
    }

    static Stream<Arguments> parseErrors() {
        return StreamSupport.stream(TABLE.get("parseErrors").spliterator(), false)
                .map(row -> Arguments.of(row.get("name").asText(), row));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void evaluatesLikeEntra(String name, JsonNode row) {
        ExpressionResult result = ExpressionParser.parse(row.get("expression").asText())
                .evaluate(sourceOf(row), environmentFor(row));

        assertThat(result.flows()).as("flows").isEqualTo(!row.has("flows") || row.get("flows").asBoolean());
        assertThat(result.redacted()).as("redacted").isEqualTo(row.has("redacted") && row.get("redacted").asBoolean());
        if (row.has("matches")) {
            assertThat(result.value()).isInstanceOf(String.class);
            assertThat((String) result.value()).matches(row.get("matches").asText());
        } else {
            assertThat(result.value()).isEqualTo(toJava(row.get("expected")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parseErrors")
    void reportsParseErrorsWithPosition(String name, JsonNode row) {
        assertThatThrownBy(() -> ExpressionParser.parse(row.get("expression").asText()))
                .isInstanceOfSatisfying(ExpressionParseException.class, e -> {
                    assertThat(e.getMessage()).contains(row.get("errorMessage").asText());
                    assertThat(e.position()).isEqualTo(row.get("errorPosition").asInt());
                });
    }

    @Test
    void tableUsesEveryFunctionOfTheCatalog() {
        Set<String> used = new HashSet<>();
        TABLE.get("examples").forEach(row -> used.add(row.get("expression").asText()));
        List<String> missing = new ArrayList<>();
        for (FunctionDefinition function : FunctionCatalog.standard().all()) {
            if (used.stream().noneMatch(expression -> expression.contains(function.name() + "("))) {
                missing.add(function.name());
            }
        }
        assertThat(missing).isEmpty();
    }

    private static SourceObject sourceOf(JsonNode row) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        row.get("input").properties().forEach(e -> attributes.put(e.getKey(), toJava(e.getValue())));
        List<AppRoleAssignment> roles = new ArrayList<>();
        if (row.has("roles")) {
            row.get("roles").forEach(role -> roles.add(new AppRoleAssignment(text(role, "appRoleId"),
                    text(role, "value"), text(role, "displayName"), null,
                    role.has("principalType") ? role.get("principalType").asText() : "User")));
        }
        return SourceObject.of(attributes, roles);
    }

    private static EvaluationEnvironment environmentFor(JsonNode row) {
        Clock clock = Clock.fixed(Instant.parse(TABLE.get("clock").asText()), ZoneOffset.UTC);
        Set<String> taken = new HashSet<>();
        if (row.has("taken")) {
            row.get("taken").forEach(value -> taken.add(value.asText()));
        }
        return new EvaluationEnvironment(clock, new Random(TABLE.get("seed").asLong()), value -> !taken.contains(value));
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static Object toJava(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(element -> list.add(toJava(element)));
            return list;
        }
        return node.asText();
    }
}
