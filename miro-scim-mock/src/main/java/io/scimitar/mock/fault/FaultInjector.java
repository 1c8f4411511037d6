package io.scimitar.mock.fault;

import io.scimitar.mock.http.EndpointClass;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Holds the active fault rules (set at runtime through the admin API) and decides the fault of each request. */
@Singleton
public class FaultInjector {

    private final List<ActiveRule> rules = new CopyOnWriteArrayList<>();

    public List<FaultRule> rules() {
        List<FaultRule> result = new ArrayList<>();
        for (ActiveRule rule : rules) {
            FaultRule r = rule.rule;
            result.add(new FaultRule(r.endpoint(), r.latencyMs(), r.errorRate(), r.errorStatus(), rule.failNext.get(),
                    r.dropRate(), r.timeoutRate(), r.timeoutMs(), r.retryAfterSeconds()));
        }
        return result;
    }

    public void replace(List<FaultRule> newRules) {
        List<ActiveRule> active = newRules.stream().map(r -> new ActiveRule(r.normalised())).toList();
        rules.clear();
        rules.addAll(active);
    }

    public void add(FaultRule rule) {
        rules.add(new ActiveRule(rule.normalised()));
    }

    public void clear() {
        rules.clear();
    }

    /** The first rule for the endpoint class (or for all endpoints) decides. */
    public FaultDecision decide(EndpointClass endpoint) {
        if (rules.isEmpty()) {
            return FaultDecision.NONE;
        }
        for (ActiveRule active : rules) {
            FaultRule rule = active.rule;
            if (rule.endpoint() != null && rule.endpoint() != endpoint) {
                continue;
            }
            if (active.failNext.get() > 0 && active.failNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                return new FaultDecision(rule.latencyMs(), FaultDecision.Action.ERROR, rule.errorStatus(), 0, rule.retryAfterSeconds());
            }
            ThreadLocalRandom random = ThreadLocalRandom.current();
            if (rule.dropRate() > 0 && random.nextDouble() < rule.dropRate()) {
                return new FaultDecision(rule.latencyMs(), FaultDecision.Action.DROP, 0, 0, null);
            }
            if (rule.timeoutRate() > 0 && random.nextDouble() < rule.timeoutRate()) {
                return new FaultDecision(rule.latencyMs(), FaultDecision.Action.TIMEOUT, 0, rule.timeoutMs(), null);
            }
            if (rule.errorRate() > 0 && random.nextDouble() < rule.errorRate()) {
                return new FaultDecision(rule.latencyMs(), FaultDecision.Action.ERROR, rule.errorStatus(), 0, rule.retryAfterSeconds());
            }
            return new FaultDecision(rule.latencyMs(), FaultDecision.Action.PROCEED, 0, 0, null);
        }
        return FaultDecision.NONE;
    }

    private static final class ActiveRule {
        final FaultRule rule;
        final AtomicInteger failNext;

        ActiveRule(FaultRule rule) {
            this.rule = rule;
            this.failNext = new AtomicInteger(rule.failNext());
        }
    }
}
