package io.scimitar.provisioner.drift;

import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.GroupAssignmentEvent;
import io.scimitar.events.UserAssignmentEvent;
import io.scimitar.provisioner.link.LinkState;
import io.scimitar.provisioner.link.ObjectLink;
import io.scimitar.provisioner.mapping.SourceObjects;
import io.scimitar.provisioner.pipeline.JobDefinition;
import io.scimitar.provisioner.rules.EvaluationEnvironment;
import io.scimitar.provisioner.rules.mapping.MappingEvaluationException;
import io.scimitar.provisioner.rules.mapping.MappingResult;
import io.scimitar.provisioner.scope.ScopeEvaluator;
import io.scimitar.provisioner.scope.ScopeResult;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a linked object should hold in the target: the values the job's mappings give today for the object's newest
 * state (as the pipeline would evaluate it: active false when it should not be active), and which are redacted.
 * Without a newest state (or one the mappings cannot evaluate), the values the job last exported.
 */
record Expectation(Map<String, Object> values, Set<String> redacted) {

    static Expectation of(JobDefinition job, ScopeEvaluator scope, EvaluationEnvironment environment,
            ObjectLink link, AssignmentEvent newest) {
        Optional<MappingResult> mapped = evaluate(job, scope, environment, newest, false);
        if (mapped.isEmpty()) {
            return new Expectation(link.exported(), Set.of());
        }
        Map<String, Object> values = new LinkedHashMap<>(mapped.get().values());
        if (link.state() == LinkState.DISABLED && values.containsKey("active")) {
            values.put("active", false);
        }
        return new Expectation(values, mapped.get().redactedTargets());
    }

    /** The mappings evaluated for {@code event} (empty for a deleted object or a failed evaluation). */
    static Optional<MappingResult> evaluate(JobDefinition job, ScopeEvaluator scope,
            EvaluationEnvironment environment, AssignmentEvent event, boolean isCreate) {
        try {
            if (event instanceof UserAssignmentEvent user) {
                ScopeResult inScope = scope.user(job, user);
                return Optional.of(job.userMappings().evaluate(SourceObjects.user(user, !inScope.shouldBeActive()),
                        environment, isCreate));
            }
            if (event instanceof GroupAssignmentEvent group) {
                ScopeResult inScope = scope.group(job, group);
                return Optional.of(job.groupMappings().evaluate(SourceObjects.group(group,
                        !inScope.shouldBeActive()), environment, isCreate));
            }
        } catch (MappingEvaluationException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Whether the object should be in the target at all (in scope and active, for the purposes of matching). */
    static boolean shouldExist(JobDefinition job, ScopeEvaluator scope, AssignmentEvent event) {
        if (event instanceof UserAssignmentEvent user) {
            return scope.user(job, user).shouldBeActive();
        }
        if (event instanceof GroupAssignmentEvent group) {
            return scope.group(job, group).shouldBeActive();
        }
        return false;
    }
}
