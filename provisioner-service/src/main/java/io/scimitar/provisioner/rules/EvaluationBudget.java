package io.scimitar.provisioner.rules;

import java.time.Duration;
import java.util.Objects;

/**
 * How much one evaluation of one expression may cost: the longest text it may produce (each function's result and
 * every text a function builds), how many function calls it may make, and how long it may run.
 */
public record EvaluationBudget(int maxOutputChars, int maxSteps, Duration maxTime) {

    /** 100,000 characters, 10,000 function calls, 1 second: far above any real mapping, far below harm. */
    public static final EvaluationBudget DEFAULT = new EvaluationBudget(100_000, 10_000, Duration.ofSeconds(1));

    public EvaluationBudget {
        Objects.requireNonNull(maxTime, "maxTime");
        if (maxOutputChars < 1 || maxSteps < 1 || maxTime.isNegative()) {
            throw new IllegalArgumentException("an evaluation budget must allow at least one character and one step,"
                    + " and no negative time");
        }
    }
}
