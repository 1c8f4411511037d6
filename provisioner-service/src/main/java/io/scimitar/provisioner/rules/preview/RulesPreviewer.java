package io.scimitar.provisioner.rules.preview;

import io.scimitar.provisioner.rules.EvaluationEnvironment;
import io.scimitar.provisioner.rules.SourceObject;
import io.scimitar.provisioner.rules.expression.EvaluationBudgetExceededException;
import io.scimitar.provisioner.rules.expression.ExpressionEvaluationException;
import io.scimitar.provisioner.rules.expression.ExpressionParseException;
import io.scimitar.provisioner.rules.parser.ExpressionParser;
import io.scimitar.provisioner.rules.expression.ExpressionResult;
import io.scimitar.provisioner.rules.filter.ScopeDecision;
import io.scimitar.provisioner.rules.filter.ScopingFilter;
import io.scimitar.provisioner.rules.filter.ScopingFilterSet;
import io.scimitar.provisioner.rules.filter.ScopingFilterValidationException;
import io.scimitar.provisioner.rules.mapping.AttributeMappingDefinition;
import io.scimitar.provisioner.rules.mapping.CompiledMappingSet;
import io.scimitar.provisioner.rules.mapping.MappingEvaluationException;
import io.scimitar.provisioner.rules.mapping.MappingResult;
import io.scimitar.provisioner.rules.mapping.MappingValidationException;

import java.util.List;
import java.util.Map;

/**
 * Entra's expression builder without the HTTP part: tries an expression, a mapping set or scoping filters on a sample
 * object and returns the result or the error as a value, ready to be rendered by a REST resource.
 */
public final class RulesPreviewer {

    private RulesPreviewer() {
    }

    public static ExpressionPreview expression(String expression, SourceObject sample, EvaluationEnvironment environment) {
        try {
            ExpressionResult result = ExpressionParser.parse(expression).evaluate(sample, environment);
            return new ExpressionPreview(PreviewStatus.OK, result.loggableValue(), result.flows(), result.redacted(),
                    null, -1);
        } catch (ExpressionParseException e) {
            return new ExpressionPreview(PreviewStatus.INVALID, null, false, false, e.getMessage(), e.position());
        } catch (EvaluationBudgetExceededException e) {
            return new ExpressionPreview(PreviewStatus.INVALID, null, false, false, e.getMessage(), -1);
        } catch (ExpressionEvaluationException e) {
            return new ExpressionPreview(PreviewStatus.FAILED, null, false, false, e.getMessage(), -1);
        }
    }

    public static MappingPreview mappings(List<AttributeMappingDefinition> mappings, SourceObject sample,
                                          EvaluationEnvironment environment, boolean isCreate) {
        CompiledMappingSet compiled;
        try {
            compiled = CompiledMappingSet.compile(mappings);
        } catch (MappingValidationException e) {
            return new MappingPreview(PreviewStatus.INVALID, Map.of(), List.of(), e.getMessage(), e.mappingIndex(),
                    e.target(), e.position());
        }
        try {
            MappingResult result = compiled.evaluate(sample, environment, isCreate);
            return new MappingPreview(PreviewStatus.OK, result.loggableValues(), result.matchingValues(), null, -1,
                    null, -1);
        } catch (MappingEvaluationException e) {
            return new MappingPreview(e.overBudget() ? PreviewStatus.INVALID : PreviewStatus.FAILED, Map.of(), List.of(), e.getMessage(),
                    indexOf(mappings, e.target()), e.target(), -1);
        }
    }

    public static ScopePreview scope(List<ScopingFilter> filters, SourceObject sample) {
        try {
            ScopeDecision decision = ScopingFilterSet.compile(filters).evaluate(sample);
            return new ScopePreview(PreviewStatus.OK, decision.inScope(), decision.reason(), null);
        } catch (ScopingFilterValidationException e) {
            return new ScopePreview(PreviewStatus.INVALID, false, null, e.getMessage());
        }
    }

    private static int indexOf(List<AttributeMappingDefinition> mappings, String target) {
        for (int i = 0; i < mappings.size(); i++) {
            if (target.equals(mappings.get(i).target())) {
                return i;
            }
        }
        return -1;
    }
}
