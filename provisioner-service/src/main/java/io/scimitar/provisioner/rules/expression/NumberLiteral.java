package io.scimitar.provisioner.rules.expression;

/** A bare number ({@code 3}, {@code -10}, {@code 1.5}, {@code &HF7}) or a VB constant such as {@code vbTextCompare}. */
public record NumberLiteral(Number value, String text, int position) implements ExpressionNode {

    @Override
    public Object evaluate(EvaluationContext context) {
        return value;
    }
}
