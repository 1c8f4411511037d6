package io.scimitar.provisioner.rules.expression;

/** An evaluation went past its {@link io.scimitar.provisioner.rules.EvaluationBudget}: the expression is refused. */
public class EvaluationBudgetExceededException extends ExpressionEvaluationException {

    public EvaluationBudgetExceededException(String message) {
        super(message);
    }
}
