package io.scimitar.provisioner.ratelimit;

import io.smallrye.mutiny.Uni;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A slot taken in a request class's budget for one request that has not gone out yet: sent through
 * {@link TargetRateLimiter#send(RequestClass, Reservation, Supplier)}, or given back with {@link #release()} (the
 * caller found it needs no request after all). Releasing a reservation already used does nothing, so callers release
 * it once they are done whatever happened.
 */
public final class Reservation {

    private final RequestClass requestClass;
    private final RequestBudget budget;
    private final AtomicBoolean settled = new AtomicBoolean();

    /** @param budget the budget the slot was taken in; null for a class without a budget */
    Reservation(RequestClass requestClass, RequestBudget budget) {
        this.requestClass = requestClass;
        this.budget = budget;
    }

    public RequestClass requestClass() {
        return requestClass;
    }

    /** Gives the slot back at once if no request went out through it. */
    public void release() {
        if (settled.compareAndSet(false, true) && budget != null) {
            budget.abandoned();
        }
    }

    /** Whether {@code requestClass} may use this slot now; once true, the slot is used and no longer released. */
    boolean claimFor(RequestClass requested) {
        return requested == requestClass && settled.compareAndSet(false, true);
    }

    /** Sends the request in the claimed slot; its answer is counted against the budget like any other. */
    <T extends TargetAnswer> Uni<T> sendClaimed(Supplier<Uni<T>> request) {
        if (budget == null) {
            return Uni.createFrom().deferred(() -> request.get());
        }
        AtomicBoolean answered = new AtomicBoolean();
        return Uni.createFrom().deferred(() -> request.get())
                .invoke(result -> {
                    if (answered.compareAndSet(false, true)) {
                        budget.answered(result.status() == 429, result.retryAfter());
                    }
                })
                .onFailure().invoke(() -> {
                    if (answered.compareAndSet(false, true)) {
                        budget.answered(false, null);
                    }
                })
                .onCancellation().invoke(() -> {
                    // the request may have reached the target: its slot is held for a window like an answered one
                    if (answered.compareAndSet(false, true)) {
                        budget.answered(false, null);
                    }
                });
    }
}
