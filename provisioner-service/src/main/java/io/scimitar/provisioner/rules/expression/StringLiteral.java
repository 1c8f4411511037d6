package io.scimitar.provisioner.rules.expression;

/** {@code "text"} with its escapes already resolved. */
public record StringLiteral(String value, int position) implements ExpressionNode {

    @Override
    public Object evaluate(EvaluationContext context) {
        return value;
    }
}
