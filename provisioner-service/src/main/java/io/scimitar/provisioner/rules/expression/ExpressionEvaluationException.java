package io.scimitar.provisioner.rules.expression;

/** An expression could not be evaluated for a source object (bad argument value, regex timeout, and so on). */
public class ExpressionEvaluationException extends RuntimeException {

    public ExpressionEvaluationException(String message) {
        super(message);
    }

    public ExpressionEvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
