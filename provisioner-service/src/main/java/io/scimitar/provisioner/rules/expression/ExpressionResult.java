package io.scimitar.provisioner.rules.expression;

/**
 * The outcome of evaluating an expression: a value to flow, or "do not flow" (IgnoreFlowIfNullOrEmpty); either may be
 * marked redacted (Redact), in which case logs must show {@link #loggableValue()}.
 */
public record ExpressionResult(Object value, boolean flows, boolean redacted) {

    public static final String REDACTED_TEXT = "[Redact]";

    public static ExpressionResult of(Object value, boolean redacted) {
        return new ExpressionResult(value, true, redacted);
    }

    public static ExpressionResult doNotFlow(boolean redacted) {
        return new ExpressionResult(null, false, redacted);
    }

    /** The value as provisioning logs may show it. */
    public Object loggableValue() {
        return redacted && value != null ? REDACTED_TEXT : value;
    }
}
