package io.scimitar.provisioner.rules.expression;

/** {@code [attributeName]}: reads a source attribute (case-insensitive). */
public record AttributeReference(String name, int position) implements ExpressionNode {

    @Override
    public Object evaluate(EvaluationContext context) {
        return context.source().attribute(name);
    }
}
