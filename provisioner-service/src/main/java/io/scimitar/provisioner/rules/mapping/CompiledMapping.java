package io.scimitar.provisioner.rules.mapping;

import io.scimitar.provisioner.rules.EvaluationEnvironment;
import io.scimitar.provisioner.rules.SourceObject;
import io.scimitar.provisioner.rules.expression.Expression;
import io.scimitar.provisioner.rules.expression.ExpressionEvaluationException;
import io.scimitar.provisioner.rules.expression.ExpressionResult;

/** One validated mapping, with its expression parsed once. */
record CompiledMapping(AttributeMappingDefinition definition, Expression expression) {

    boolean appliesTo(boolean isCreate) {
        return isCreate || definition.applyOn() == ApplyOn.ALWAYS;
    }

    /** The mapping's result before the default value is considered. */
    ExpressionResult evaluate(SourceObject source, EvaluationEnvironment environment) {
        return switch (definition.type()) {
            case DIRECT -> ExpressionResult.of(source.attribute(definition.source()), false);
            case CONSTANT -> ExpressionResult.of(definition.source(), false);
            case NONE -> ExpressionResult.of(null, false);
            case EXPRESSION -> {
                try {
                    yield expression.evaluate(source, environment);
                } catch (ExpressionEvaluationException e) {
                    throw new MappingEvaluationException(definition.target(), e);
                }
            }
        };
    }
}
