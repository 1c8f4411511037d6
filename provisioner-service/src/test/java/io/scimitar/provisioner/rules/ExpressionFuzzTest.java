package io.scimitar.provisioner.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimitar.provisioner.rules.expression.Expression;
import io.scimitar.provisioner.rules.expression.ExpressionEvaluationException;
import io.scimitar.provisioner.rules.expression.ExpressionParseException;
import io.scimitar.provisioner.rules.parser.ExpressionParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Property test with fixed seeds: the parser fails only with ExpressionParseException (positioned inside the text), and
 * evaluation fails only with ExpressionEvaluationException that is not an internal error.
 */
class ExpressionFuzzTest {

    private static final String[] TOKENS = {"(", ")", "[", "]", "\"", ",", ", ,", "\\", "\\\"", "=", "<>", ">=", "<",
            "&H", "&HFF", "-", ".", " ", "\n", "[mail]", "[tags]", "[n]", "\"x\"", "\"\"", "1", "-7", "0", "300",
            "vbTextCompare", "Append(", "Join(", "IIF(", "Switch(", "Replace(", "Mid(", "Item(", "FormatDateTime(",
            "DateAdd(", "CDate(", "SelectUniqueValue(", "Redact(", "IgnoreFlowIfNullOrEmpty(", "RandomString(",
            "\"(?<g>a)\"", "\"[\"", "\"${g}\"", "\"yyyy-MM-dd\"", "\"d\"", "\"tr-TR\"", "\u00e9", "\u201c"};
    private static final String[] ATTRIBUTES = {"[mail]", "[n]", "[tags]", "[when]"};
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void parserRejectsRandomTextOnlyWithParseErrors() {
        Random random = new Random(20241128L);
        for (int i = 0; i < 5_000; i++) {
            String text = randomText(random, random.nextInt(60));
            parseAndEvaluate(text, random);
        }
    }

    @Test
    void mutatedValidExpressionsFailOnlyWithOwnExceptions() throws IOException {
        List<String> seeds = validExpressions();
        Random random = new Random(42L);
        int parsed = 0;
        for (int i = 0; i < 20_000; i++) {
            String text = seeds.get(random.nextInt(seeds.size()));
            int mutations = 1 + random.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                text = mutate(text, random);
            }
            if (parseAndEvaluate(text, random)) {
                parsed++;
            }
        }
        assertThat(parsed).as("some mutants must still parse, or evaluation is not exercised").isGreaterThan(2_000);
    }

    @Test
    void validExpressionsEvaluateAgainstRandomSourcesWithoutInternalErrors() throws IOException {
        Random random = new Random(7L);
        for (String text : validExpressions()) {
            for (int i = 0; i < 30; i++) {
                parseAndEvaluate(text, random);
            }
        }
    }

    @Test
    void deepNestingIsAParseErrorNotAStackOverflow() {
        String deep = "Not(".repeat(1_500) + "\"x\"" + ")".repeat(1_500);
        assertThatThrownBy(() -> ExpressionParser.parse(deep))
                .isInstanceOf(ExpressionParseException.class)
                .hasMessageContaining("nested more than");
    }

    @Test
    void expressionsLongerThanTenThousandCharactersAreRejected() {
        String longText = "Append(\"" + "a".repeat(10_000) + "\", \"b\")";
        assertThatThrownBy(() -> ExpressionParser.parse(longText))
                .isInstanceOfSatisfying(ExpressionParseException.class,
                        e -> assertThat(e.position()).isEqualTo(ExpressionParser.MAX_LENGTH));
    }

    /** Returns true when the text parsed. */
    private static boolean parseAndEvaluate(String text, Random random) {
        Expression expression;
        try {
            expression = ExpressionParser.parse(text);
        } catch (ExpressionParseException e) {
            assertThat(e.position()).as("position for %s", text).isBetween(0, text.length());
            assertThat(e.getMessage()).isNotBlank();
            return false;
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("parser threw " + e + " for: " + text, e);
        }
        SourceObject source = randomSource(expression, random);
        EvaluationEnvironment environment = new EvaluationEnvironment(CLOCK, new Random(random.nextLong()),
                value -> random.nextBoolean());
        try {
            expression.evaluate(source, environment);
        } catch (ExpressionEvaluationException e) {
            if (e.getMessage().startsWith("Internal error")) {
                fail("internal error for " + text + ": " + e.getCause(), e);
            }
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("evaluation threw " + e + " for: " + text, e);
        }
        return true;
    }

    private static SourceObject randomSource(Expression expression, Random random) {
        Map<String, Object> attributes = new HashMap<>();
        for (String name : expression.referencedAttributes()) {
            attributes.put(name, randomValue(random, 0));
        }
        List<AppRoleAssignment> roles = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            roles.add(AppRoleAssignment.direct("id" + i, random.nextBoolean() ? "Role" + i : null, "Display " + i));
        }
        return SourceObject.of(attributes, roles);
    }

    private static Object randomValue(Random random, int depth) {
        return switch (random.nextInt(depth == 0 ? 12 : 10)) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> random.nextBoolean();
            case 3 -> random.nextLong();
            case 4 -> (long) random.nextInt(2000) - 1000;
            case 5 -> random.nextDouble() * 1e6;
            case 6 -> Instant.ofEpochSecond(random.nextInt(2_000_000_000));
            case 7 -> "2021-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10) + "-07:00";
            case 8, 9 -> randomText(random, random.nextInt(20));
            default -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(randomValue(random, depth + 1));
                }
                yield list;
            }
        };
    }

    private static String randomText(Random random, int tokens) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < tokens; i++) {
            if (random.nextInt(4) == 0) {
                text.append((char) (32 + random.nextInt(95)));
            } else {
                text.append(TOKENS[random.nextInt(TOKENS.length)]);
            }
        }
        return text.toString();
    }

    private static String mutate(String text, Random random) {
        if (text.isEmpty()) {
            return TOKENS[random.nextInt(TOKENS.length)];
        }
        int at = random.nextInt(text.length());
        return switch (random.nextInt(6)) {
            case 0 -> text.substring(0, at) + text.substring(Math.min(text.length(), at + 1 + random.nextInt(3)));
            case 1 -> text.substring(0, at) + TOKENS[random.nextInt(TOKENS.length)] + text.substring(at);
            case 2 -> text.substring(0, at) + (char) (32 + random.nextInt(95)) + text.substring(at + 1);
            case 3 -> {
                int end = Math.min(text.length(), at + random.nextInt(12));
                yield text.substring(0, end) + text.substring(at, end) + text.substring(end);
            }
            case 4 -> text.substring(0, at) + text.substring(at).replaceFirst("\"[^\"]*\"",
                    Matcher.quoteReplacement(ATTRIBUTES[random.nextInt(ATTRIBUTES.length)]));
            default -> text.substring(0, at) + text.substring(at).replaceFirst("\"[^\"]*\"",
                    Matcher.quoteReplacement(
                            "\"" + TOKENS[random.nextInt(TOKENS.length)].replace("\"", "") + "\""));
        };
    }

    private static List<String> validExpressions() throws IOException {
        try (InputStream in = ExpressionFuzzTest.class.getResourceAsStream("/rules/expression-examples.json")) {
            JsonNode table = new ObjectMapper().readTree(in);
            List<String> expressions = new ArrayList<>();
            table.get("examples").forEach(row -> expressions.add(row.get("expression").asText()));
            return expressions;
        }
    }
}
