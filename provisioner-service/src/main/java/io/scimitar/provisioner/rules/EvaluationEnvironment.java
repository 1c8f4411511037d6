package io.scimitar.provisioner.rules;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * What expressions may use from outside the source object: the clock (Now), randomness (Guid, RandomString),
 * uniqueness, and the budget one evaluation may spend.
 */
public record EvaluationEnvironment(Clock clock, RandomGenerator random, UniquenessCheck uniquenessCheck,
                                    EvaluationBudget budget) {

    public EvaluationEnvironment {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(uniquenessCheck, "uniquenessCheck");
        Objects.requireNonNull(budget, "budget");
    }

    /** An environment with the default budget. */
    public EvaluationEnvironment(Clock clock, RandomGenerator random, UniquenessCheck uniquenessCheck) {
        this(clock, random, uniquenessCheck, EvaluationBudget.DEFAULT);
    }

    /** The production environment: UTC system clock, a strong random source, and the given uniqueness check. */
    public static EvaluationEnvironment system(UniquenessCheck uniquenessCheck) {
        return new EvaluationEnvironment(Clock.systemUTC(), new SecureRandom(), uniquenessCheck);
    }

    /** A deterministic environment for tests and previews: fixed clock, seeded random, every value unique. */
    public static EvaluationEnvironment deterministic(Clock clock, long seed) {
        return new EvaluationEnvironment(clock, new Random(seed), UniquenessCheck.ALWAYS_UNIQUE);
    }

    public EvaluationEnvironment withUniquenessCheck(UniquenessCheck check) {
        return new EvaluationEnvironment(clock, random, check, budget);
    }

    public EvaluationEnvironment withBudget(EvaluationBudget evaluationBudget) {
        return new EvaluationEnvironment(clock, random, uniquenessCheck, evaluationBudget);
    }
}
