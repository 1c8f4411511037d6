package io.scimitar.provisioner.rules.mapping;

import io.scimitar.provisioner.rules.expression.ExpressionEvaluationException;
import io.scimitar.provisioner.rules.expression.UniqueValueUnavailableException;

/** A mapping's expression failed for one source object; the entry should be escrowed and the reason logged. */
public class MappingEvaluationException extends ExpressionEvaluationException {

    private final String target;

    public MappingEvaluationException(String target, ExpressionEvaluationException cause) {
        super("Mapping to '" + target + "' failed: " + cause.getMessage(), cause);
        this.target = target;
    }

    public String target() {
        return target;
    }

    /** True when the expression went past its evaluation budget: the mapping itself is at fault, not the object. */
    public boolean overBudget() {
        return getCause() instanceof io.scimitar.provisioner.rules.expression.EvaluationBudgetExceededException;
    }

    /** True when SelectUniqueValue found every candidate taken (Entra escrows the entry). */
    public boolean noUniqueValue() {
        return getCause() instanceof UniqueValueUnavailableException;
    }
}
