package io.scimitar.provisioner.ratelimit;

import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reserve-or-defer: callers side by side each either take a slot of the budget or learn when to come back, in one
 * atomic step, so that no more callers are let through than the budget holds and none that is let through waits.
 */
class ReservationTest {

    private static final Duration WINDOW = Duration.ofSeconds(30);
    private static final int CALLERS = 16;

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<Runnable> wakeUps = new ArrayList<>();

    @Test
    void callersSideBySideAreNeverLetThroughBeyondTheBudget() throws Exception {
        TargetRateLimiter limiter = limiter(RequestClass.GROUPS_QUERY, 5);
        AtomicInteger letThrough = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        AtomicInteger putOff = new AtomicInteger();
        CyclicBarrier decided = new CyclicBarrier(CALLERS);

        runSideBySide(() -> {
            for (int attempt = 0; attempt < 20; attempt++) {
                Slot slot = limiter.reserve(RequestClass.GROUPS_QUERY);
                if (attempt == 0) {
                    // every caller decides before any sends, as groups do across their index lookup's round trip
                    decided.await(10, TimeUnit.SECONDS);
                }
                if (slot instanceof Slot.Reserved reserved) {
                    letThrough.incrementAndGet();
                    limiter.send(RequestClass.GROUPS_QUERY, reserved.reservation(), () -> {
                        started.incrementAndGet();
                        return Uni.createFrom().item(ok());
                    }).subscribe().with(answer -> { });
                } else {
                    putOff.incrementAndGet();
                }
            }
            return null;
        });

        assertThat(letThrough.get()).as("callers let through").isEqualTo(5);
        assertThat(started.get()).as("requests that went out at once").isEqualTo(letThrough.get());
        assertThat(putOff.get()).isEqualTo(CALLERS * 20 - 5);
        assertThat(status(limiter).used()).isEqualTo(5);
        assertThat(status(limiter).waiting()).isZero();
    }

    @Test
    void aCallerPutOffLearnsWhenTheOldestSlotFrees() {
        TargetRateLimiter limiter = limiter(RequestClass.GROUPS_QUERY, 1);
        Slot first = limiter.reserve(RequestClass.GROUPS_QUERY);
        limiter.send(RequestClass.GROUPS_QUERY, ((Slot.Reserved) first).reservation(),
                () -> Uni.createFrom().item(ok())).await().indefinitely();

        now.addAndGet(Duration.ofSeconds(4).toNanos());
        Slot second = limiter.reserve(RequestClass.GROUPS_QUERY);

        assertThat(second).isEqualTo(new Slot.Later(WINDOW.minusSeconds(4)));
        now.addAndGet(WINDOW.minusSeconds(4).toNanos());
        assertThat(limiter.reserve(RequestClass.GROUPS_QUERY)).isInstanceOf(Slot.Reserved.class);
    }

    @Test
    void aSlotHeldByARequestInFlightFreesNoSoonerThanAWindowAfterItsAnswer() {
        TargetRateLimiter limiter = limiter(RequestClass.GROUPS_PATCH, 1);
        assertThat(limiter.reserve(RequestClass.GROUPS_PATCH)).isInstanceOf(Slot.Reserved.class);

        assertThat(limiter.reserve(RequestClass.GROUPS_PATCH)).isEqualTo(new Slot.Later(WINDOW));
    }

    @Test
    void aReleasedReservationGivesItsSlotBackAtOnceButAUsedOneDoesNot() {
        TargetRateLimiter limiter = limiter(RequestClass.GROUPS_QUERY, 1);
        Reservation unused = ((Slot.Reserved) limiter.reserve(RequestClass.GROUPS_QUERY)).reservation();
        assertThat(limiter.reserve(RequestClass.GROUPS_QUERY)).isInstanceOf(Slot.Later.class);

        unused.release();
        Reservation used = ((Slot.Reserved) limiter.reserve(RequestClass.GROUPS_QUERY)).reservation();
        limiter.send(RequestClass.GROUPS_QUERY, used, () -> Uni.createFrom().item(ok())).await().indefinitely();
        used.release();

        assertThat(limiter.reserve(RequestClass.GROUPS_QUERY)).isInstanceOf(Slot.Later.class);
        assertThat(status(limiter).used()).isEqualTo(1);
        assertThat(status(limiter).sent()).as("the released reservation sent nothing").isEqualTo(1);
    }

    @Test
    void aReservationGoesOutOnlyOnceAndOnlyForItsClass() {
        TargetRateLimiter limiter = new TargetRateLimiter(new RateLimitPolicy(WINDOW,
                java.util.Map.of(RequestClass.GROUPS_QUERY, 1, RequestClass.GROUPS_GET, 1), 500),
                (task, delay) -> wakeUps.add(task), now::get);
        Reservation reserved = ((Slot.Reserved) limiter.reserve(RequestClass.GROUPS_QUERY)).reservation();
        AtomicInteger started = new AtomicInteger();

        limiter.send(RequestClass.GROUPS_GET, reserved, () -> count(started)).await().indefinitely();
        limiter.send(RequestClass.GROUPS_QUERY, reserved, () -> count(started)).await().indefinitely();
        limiter.send(RequestClass.GROUPS_QUERY, reserved, () -> count(started)).subscribe().with(answer -> { });

        assertThat(started.get()).as("the GET in its own budget, the query in the reserved slot, the next waits")
                .isEqualTo(2);
        assertThat(limiter.status().stream().filter(s -> s.requestClass() == RequestClass.GROUPS_QUERY)
                .findFirst().orElseThrow().waiting()).isEqualTo(1);
    }

    @Test
    void aFreedSlotGoesToTheRequestAlreadyWaitingNotToALaterCaller() {
        TargetRateLimiter limiter = limiter(RequestClass.USERS_CREATE, 1);
        Reservation first = ((Slot.Reserved) limiter.reserve(RequestClass.USERS_CREATE)).reservation();
        AtomicInteger started = new AtomicInteger();
        limiter.send(RequestClass.USERS_CREATE, () -> count(started)).subscribe().with(answer -> { });

        first.release();

        assertThat(started.get()).as("the waiting request took the freed slot").isEqualTo(1);
        assertThat(limiter.reserve(RequestClass.USERS_CREATE)).isInstanceOf(Slot.Later.class);
    }

    @Test
    void aClassWithoutABudgetAlwaysHasASlot() {
        TargetRateLimiter limiter = limiter(RequestClass.GROUPS_QUERY, 1);

        for (int i = 0; i < 10; i++) {
            assertThat(limiter.reserve(RequestClass.USERS_GET)).isInstanceOf(Slot.Reserved.class);
        }
    }

    private TargetRateLimiter limiter(RequestClass requestClass, int budget) {
        return new TargetRateLimiter(new RateLimitPolicy(WINDOW, java.util.Map.of(requestClass, budget), 500),
                (task, delay) -> wakeUps.add(task), now::get);
    }

    private static RequestBudgetStatus status(TargetRateLimiter limiter) {
        return limiter.status().get(0);
    }

    private static Uni<TargetAnswer> count(AtomicInteger started) {
        started.incrementAndGet();
        return Uni.createFrom().item(ok());
    }

    private static TargetAnswer ok() {
        return () -> 200;
    }

    private static void runSideBySide(java.util.concurrent.Callable<Void> caller) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                done.add(pool.submit(caller));
            }
            for (Future<Void> future : done) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
