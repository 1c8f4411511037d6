package io.scimitar.assignment.deadletter;

/** The answer to a retry: the dead letter is gone and its event waits at the end of the outbox as row {@code outboxId}. */
public record RetryResponse(long deadLetterId, long outboxId) {
}
