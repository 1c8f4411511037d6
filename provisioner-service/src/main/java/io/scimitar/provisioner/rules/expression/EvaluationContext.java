package io.scimitar.provisioner.rules.expression;

import io.scimitar.provisioner.rules.EvaluationBudget;
import io.scimitar.provisioner.rules.EvaluationEnvironment;
import io.scimitar.provisioner.rules.SourceObject;

import java.util.List;

/**
 * State of one evaluation of one expression: the source object, the environment, whether Redact was used, and what
 * is left of the evaluation's budget.
 */
public final class EvaluationContext {

    private final SourceObject source;
    private final EvaluationEnvironment environment;
    private final EvaluationBudget budget;
    private final long deadline;
    private int steps;
    private boolean redacted;

    public EvaluationContext(SourceObject source, EvaluationEnvironment environment) {
        this.source = source;
        this.environment = environment;
        this.budget = environment.budget();
        this.deadline = System.nanoTime() + budget.maxTime().toNanos();
    }

    public SourceObject source() {
        return source;
    }

    public EvaluationEnvironment environment() {
        return environment;
    }

    public void markRedacted() {
        redacted = true;
    }

    public boolean redacted() {
        return redacted;
    }

    /** Counts one function call; refuses it when the evaluation has used up its steps or its time. */
    void step(String function) {
        if (++steps > budget.maxSteps()) {
            throw new EvaluationBudgetExceededException("The expression makes more than " + budget.maxSteps()
                    + " function calls (at " + function + "); simplify it");
        }
        if (System.nanoTime() - deadline >= 0) {
            throw new EvaluationBudgetExceededException("The expression took longer than "
                    + budget.maxTime().toMillis() + " ms (at " + function + "); simplify it");
        }
    }

    /**
     * Refuses a text of {@code length} characters before a function builds it, so that no evaluation can fill the
     * memory however its calls are nested.
     */
    public void ensureFits(long length, String function) {
        if (length > budget.maxOutputChars()) {
            throw tooLong(function);
        }
    }

    /** The most characters one text may have. */
    public int maxOutputChars() {
        return budget.maxOutputChars();
    }

    /** Refuses a function's result whose text (or texts, for a multi-valued result) is over the budget. */
    void checkResult(Object value, String function) {
        long length = 0;
        if (value instanceof CharSequence text) {
            length = text.length();
        } else if (value instanceof List<?> list) {
            for (Object element : list) {
                length += element instanceof CharSequence text ? text.length() : 0;
            }
        }
        ensureFits(length, function);
    }

    /** The refusal of a text longer than the budget allows, built by {@code function}. */
    public EvaluationBudgetExceededException tooLong(String function) {
        return new EvaluationBudgetExceededException(function + " would produce more than "
                + budget.maxOutputChars() + " characters; the expression is refused");
    }
}
