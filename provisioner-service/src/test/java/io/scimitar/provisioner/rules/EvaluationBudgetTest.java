package io.scimitar.provisioner.rules;

import io.scimitar.provisioner.rules.mapping.CompiledMappingSet;
import io.scimitar.provisioner.rules.mapping.MappingEvaluationException;
import io.scimitar.provisioner.rules.preview.ExpressionPreview;
import io.scimitar.provisioner.rules.preview.PreviewStatus;
import io.scimitar.provisioner.rules.preview.RulesPreviewer;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.scimitar.provisioner.rules.mapping.AttributeMappingDefinition.expression;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One evaluation cannot take more than its budget: output size, function calls and time. */
class EvaluationBudgetTest {

    private static final EvaluationEnvironment ENVIRONMENT = EvaluationEnvironment.deterministic(
            Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC), 7L);
    private static final SourceObject SAMPLE = SourceObject.of(Map.of("givenName", "Ada", "long", "y".repeat(60_000)));

    /** Nine Replace calls, each turning every "x" into ten: 10^10 characters, about 400 bytes of expression. */
    static String nineNestedReplaces() {
        String expression = "\"xxxxxxxxxx\"";
        for (int i = 0; i < 9; i++) {
            expression = "Replace(" + expression + ", \"x\", , , \"xxxxxxxxxx\", , )";
        }
        return expression;
    }

    @Test
    void refusesAnExpressionWhoseTextWouldGrowPastTheBudget() {
        ExpressionPreview preview = RulesPreviewer.expression(nineNestedReplaces(), SAMPLE, ENVIRONMENT);

        assertThat(preview.status()).isEqualTo(PreviewStatus.INVALID);
        assertThat(preview.error()).isEqualTo("Replace would produce more than 100000 characters; the expression is "
                + "refused");
    }

    @Test
    void refusesARegexSubstitutionThatWouldGrowPastTheBudget() {
        String expression = "Replace([long], , \"(.)\", , \"$_\", , )";

        ExpressionPreview preview = RulesPreviewer.expression(expression, SAMPLE, ENVIRONMENT);

        assertThat(preview.status()).isEqualTo(PreviewStatus.INVALID);
        assertThat(preview.error()).contains("more than 100000 characters");
    }

    @Test
    void refusesAJoinPastTheBudget() {
        assertThat(RulesPreviewer.expression("Join(\",\", [long], [long])", SAMPLE, ENVIRONMENT).error())
                .isEqualTo("Join would produce more than 100000 characters; the expression is refused");
        assertThat(RulesPreviewer.expression("Join(\",\", [long])", SAMPLE, ENVIRONMENT).status())
                .isEqualTo(PreviewStatus.OK);
    }

    @Test
    void refusesMoreFunctionCallsThanTheBudgetAllows() {
        EvaluationEnvironment threeCalls = ENVIRONMENT.withBudget(new EvaluationBudget(1000, 3, Duration.ofSeconds(5)));

        assertThat(RulesPreviewer.expression("ToLower(ToLower(ToLower([givenName])))", SAMPLE, threeCalls).value())
                .isEqualTo("ada");
        ExpressionPreview preview = RulesPreviewer.expression("ToLower(ToLower(ToLower(ToLower([givenName]))))",
                SAMPLE, threeCalls);
        assertThat(preview.status()).isEqualTo(PreviewStatus.INVALID);
        assertThat(preview.error()).isEqualTo("The expression makes more than 3 function calls (at ToLower); simplify it");
    }

    @Test
    void refusesAnEvaluationPastItsTime() {
        EvaluationEnvironment noTime = ENVIRONMENT.withBudget(new EvaluationBudget(1000, 1000, Duration.ZERO));

        ExpressionPreview preview = RulesPreviewer.expression("ToLower([givenName])", SAMPLE, noTime);

        assertThat(preview.status()).isEqualTo(PreviewStatus.INVALID);
        assertThat(preview.error()).isEqualTo("The expression took longer than 0 ms (at ToLower); simplify it");
    }

    @Test
    void failsOnlyTheMappingOfTheObjectWhenAJobEvaluatesIt() {
        CompiledMappingSet mappings = CompiledMappingSet.compile(List.of(
                expression(nineNestedReplaces(), "displayName")));

        assertThatThrownBy(() -> mappings.evaluate(SAMPLE, ENVIRONMENT, true))
                .isInstanceOfSatisfying(MappingEvaluationException.class, e -> {
                    assertThat(e.overBudget()).isTrue();
                    assertThat(e.getMessage()).isEqualTo("Mapping to 'displayName' failed: Replace would produce more "
                            + "than 100000 characters; the expression is refused");
                });
    }

    @Test
    void refusesAnImpossibleBudget() {
        assertThatThrownBy(() -> new EvaluationBudget(0, 1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
