package io.scimitar.provisioner.ratelimit;

import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** The request budgets of one target: each SCIM request waits for a slot of its class before it goes out. */
public final class TargetRateLimiter {

    private final RateLimitPolicy policy;
    private final Map<RequestClass, RequestBudget> budgets = new EnumMap<>(RequestClass.class);
    private final LongConsumer waited;
    private volatile BudgetShare share = BudgetShare.WHOLE;

    TargetRateLimiter(RateLimitPolicy policy, WakeUpTimer timer, LongSupplier clock) {
        this(policy, timer, clock, nanos -> { });
    }

    /** @param waited told how long (nanoseconds) each request of a budgeted class waited for its slot */
    TargetRateLimiter(RateLimitPolicy policy, WakeUpTimer timer, LongSupplier clock, LongConsumer waited) {
        this.policy = policy;
        this.waited = waited;
        policy.budgets().forEach((requestClass, budget) -> budgets.put(requestClass,
                new RequestBudget(requestClass, budget, policy.window(), timer, clock)));
    }

    /** A limiter that lets everything through. */
    public static TargetRateLimiter unlimited() {
        return new TargetRateLimiter(RateLimitPolicy.NONE, null, System::nanoTime);
    }

    public RateLimitPolicy policy() {
        return policy;
    }

    /**
     * Sets the part of every budget this instance may spend (on each rebalance of the job's consumer group): a
     * smaller share applies at once; a larger one, while consuming, once a window has passed, since the instance that
     * gave the partitions up may have spent their units in the window before.
     */
    public synchronized void share(BudgetShare newShare) {
        share = newShare;
        budgets.values().forEach(budget -> budget.share(newShare.of(budget.configured()), newShare.consuming()));
    }

    /** The part of the budgets this instance may spend now. */
    public BudgetShare share() {
        return share;
    }

    /** The class of a request to this target. */
    public RequestClass classify(String method, String type, boolean byId, int bodyBytes) {
        return RequestClass.of(method, type, byId, bodyBytes, policy.largePatchBytes());
    }

    /**
     * Sends {@code request} once its class has a free slot; its answer is counted against the class, and a 429
     * shrinks the budget for a while.
     */
    public <T extends TargetAnswer> Uni<T> send(RequestClass requestClass, Supplier<Uni<T>> request) {
        RequestBudget budget = budgets.get(requestClass);
        if (budget == null) {
            return Uni.createFrom().deferred(() -> request.get());
        }
        return Uni.createFrom().deferred(() -> {
            AtomicBoolean settled = new AtomicBoolean();
            return Uni.createFrom().<Void>emitter(emitter -> {
                        long asked = System.nanoTime();
                        CompletableFuture<Void> permit = budget.acquire();
                        AtomicBoolean cancelled = new AtomicBoolean();
                        emitter.onTermination(() -> {
                            cancelled.set(true);
                            permit.cancel(false);
                        });
                        permit.whenComplete((ignored, error) -> {
                            if (error != null) {
                                return;
                            }
                            if (!cancelled.get()) {
                                waited.accept(System.nanoTime() - asked);
                                emitter.complete(null);
                            } else if (settled.compareAndSet(false, true)) {
                                budget.abandoned();
                            }
                        });
                    })
                    .chain(() -> request.get())
                    .invoke(result -> {
                        if (settled.compareAndSet(false, true)) {
                            budget.answered(result.status() == 429, result.retryAfter());
                        }
                    })
                    .onFailure().invoke(() -> {
                        if (settled.compareAndSet(false, true)) {
                            budget.answered(false, null);
                        }
                    });
        });
    }

    /**
     * Sends {@code request} in the slot {@code reserved} holds when that is for {@code requestClass} and still unused
     * (without waiting); otherwise as {@link #send(RequestClass, Supplier)}.
     */
    public <T extends TargetAnswer> Uni<T> send(RequestClass requestClass, Reservation reserved,
            Supplier<Uni<T>> request) {
        if (reserved != null && reserved.claimFor(requestClass)) {
            return reserved.sendClaimed(request);
        }
        return send(requestClass, request);
    }

    /**
     * Takes a slot of this class for one request now, or says how long to put it off, in one atomic step: callers
     * side by side are never let through beyond the budget, and one that is let through never waits. A class without
     * a budget always has a slot.
     */
    public Slot reserve(RequestClass requestClass) {
        RequestBudget budget = budgets.get(requestClass);
        return budget == null ? new Slot.Reserved(new Reservation(requestClass, null)) : budget.reserve();
    }

    /**
     * Whether a request of this class would go out at once rather than wait for its budget. A hint that takes nothing:
     * to act on it, {@link #reserve} instead.
     */
    public boolean hasRoom(RequestClass requestClass) {
        RequestBudget budget = budgets.get(requestClass);
        return budget == null || budget.hasRoom();
    }

    /** Every budgeted class as it stands now. */
    public List<RequestBudgetStatus> status() {
        List<RequestBudgetStatus> status = new ArrayList<>();
        budgets.values().forEach(budget -> status.add(budget.status()));
        return status;
    }
}
