package io.scimitar.provisioner.rules.expression;

import java.time.Instant;

/**
 * {@code left op right}: numbers compare numerically, dates chronologically, booleans as booleans, anything else as
 * case-sensitive ordinal strings. A null or empty operand makes the comparison false, as Entra's "condition check fails".
 */
public record Comparison(ExpressionNode left, ComparisonOperator operator, ExpressionNode right, int position)
        implements ExpressionNode {

    @Override
    public Object evaluate(EvaluationContext context) {
        Object a = ValueConversions.single(left.evaluate(context));
        Object b = ValueConversions.single(right.evaluate(context));
        if (ValueConversions.isNullOrEmpty(a) || ValueConversions.isNullOrEmpty(b)) {
            return Boolean.FALSE;
        }
        return operator.accepts(compare(a, b));
    }

    private static int compare(Object a, Object b) {
        if (a instanceof Instant || b instanceof Instant) {
            Instant x = ValueConversions.toInstantOrNull(a);
            Instant y = ValueConversions.toInstantOrNull(b);
            if (x != null && y != null) {
                return x.compareTo(y);
            }
        }
        if (a instanceof Boolean || b instanceof Boolean) {
            Boolean x = ValueConversions.parseBooleanOrNull(a);
            Boolean y = ValueConversions.parseBooleanOrNull(b);
            if (x != null && y != null) {
                return Boolean.compare(x, y);
            }
        }
        Double x = ValueConversions.parseNumberOrNull(a);
        Double y = ValueConversions.parseNumberOrNull(b);
        if (x != null && y != null) {
            return Double.compare(x, y);
        }
        return ValueConversions.toText(a).compareTo(ValueConversions.toText(b));
    }
}
