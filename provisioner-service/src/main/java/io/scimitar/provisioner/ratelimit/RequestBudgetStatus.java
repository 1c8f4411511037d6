package io.scimitar.provisioner.ratelimit;

/**
 * One request class's budget as the job's progress shows it.
 *
 * @param budget   the configured requests per window
 * @param effective the budget in use now: lower than configured for a while after a 429
 * @param used     requests counted in the current window, in flight or answered within it
 * @param waiting  requests waiting for a slot
 * @param sent     requests let through since the job started
 * @param delayed  requests that had to wait for a slot
 * @param throttled requests the target answered with 429 anyway
 * @param share    the part of the configured budget this instance may use per window: its partitions' units while it
 *                 consumes the job, the whole budget otherwise ({@link BudgetShare}); at most
 *                 {@code min(effective, share)} requests are counted at a time
 * @param heldBack units of a share that grew at the last rebalance, counted as used until a window has passed
 */
public record RequestBudgetStatus(RequestClass requestClass, int budget, int effective, int used, int waiting,
        long sent, long delayed, long throttled, int share, int heldBack) {
}
