package io.scimitar.provisioner.mapping;

import io.scimitar.provisioner.rules.EvaluationBudget;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The budget of one expression evaluation, in jobs, dry runs and the expression builder alike. */
@ConfigMapping(prefix = "scimitar.provisioner.evaluation")
public interface EvaluationSettings {

    /** The longest text an expression may produce or have a function build. */
    @WithDefault("100000")
    int maxOutputChars();

    /** The most function calls one evaluation may make. */
    @WithDefault("10000")
    int maxSteps();

    /** The longest one evaluation may run. */
    @WithDefault("1s")
    Duration maxTime();

    default EvaluationBudget budget() {
        return new EvaluationBudget(maxOutputChars(), maxSteps(), maxTime());
    }
}
