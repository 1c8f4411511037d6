package io.scimitar.provisioner.rules;

import io.scimitar.provisioner.rules.expression.Expression;
import io.scimitar.provisioner.rules.parser.ExpressionParser;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Guid, RandomString and Now depend only on the injected environment, so tests and previews are reproducible. */
class DeterministicEnvironmentTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-12-24T18:00:05Z"), ZoneOffset.UTC);

    private static Object evaluate(String expression, long seed) {
        Expression parsed = ExpressionParser.parse(expression);
        return parsed.evaluate(SourceObject.of(Map.of()), EvaluationEnvironment.deterministic(CLOCK, seed)).value();
    }

    @Test
    void sameSeedGivesSameGeneratedValues() {
        assertThat(evaluate("Guid()", 5)).isEqualTo(evaluate("Guid()", 5)).isNotEqualTo(evaluate("Guid()", 6));
        assertThat(evaluate("RandomString(20,2,2,2,2)", 5)).isEqualTo(evaluate("RandomString(20,2,2,2,2)", 5))
                .isNotEqualTo(evaluate("RandomString(20,2,2,2,2)", 6));
    }

    @Test
    void nowComesFromTheClock() {
        assertThat(evaluate("Now()", 1)).isEqualTo("12/24/2030 6:00:05 PM");
        assertThat(evaluate("FormatDateTime(Now(), , \"M/d/yyyy h:mm:ss tt\", \"yyyy-MM-ddTHH:mm:ssK\")", 1))
                .isEqualTo("2030-12-24T18:00:05Z");
    }

    @Test
    void randomStringWithANullAvoidListAvoidsNothing() {
        assertThat((String) evaluate("RandomString(256,0,0,0,256,[missing])", 42)).contains("n", "u", "l");
    }

    @Test
    void randomStringHonoursCharactersToAvoidAndMaximumLength() {
        for (long seed = 0; seed < 200; seed++) {
            Object value = evaluate("RandomString(256,10,10,10,10,\"0Oo1lI?,\")", seed);
            assertThat((String) value).hasSize(256).doesNotContainAnyWhitespaces()
                    .doesNotContain("0", "O", "o", "1", "l", "I", "?", ",");
        }
    }
}
