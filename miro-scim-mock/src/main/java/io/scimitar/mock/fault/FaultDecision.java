package io.scimitar.mock.fault;

/** What the fault injector decided for one request. */
public record FaultDecision(long latencyMs, Action action, int status, long timeoutMs, Integer retryAfterSeconds) {

    public enum Action { PROCEED, ERROR, DROP, TIMEOUT }

    public static final FaultDecision NONE = new FaultDecision(0, Action.PROCEED, 0, 0, null);
}
