package io.scimitar.provisioner.ratelimit;

import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job's budgets shared by the instances consuming it, by the partitions each owns: the shares never add up to more
 * than the budget, and a rebalance moving partitions from one instance to another never lets the two together send
 * more than the budget in any window of the target's (simulated time).
 */
class BudgetShareTest {

    private static final Duration WINDOW = Duration.ofSeconds(30);
    private static final int PARTITIONS = 8;
    private static final Set<Integer> FIRST_HALF = Set.of(0, 1, 2, 3);
    private static final Set<Integer> SECOND_HALF = Set.of(4, 5, 6, 7);
    private static final Set<Integer> ALL = Set.of(0, 1, 2, 3, 4, 5, 6, 7);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<Runnable> wakeUps = new ArrayList<>();

    @Test
    void thePartitionsUnitsAddUpToExactlyTheBudget() {
        for (int budget : new int[] {1, 5, 20, 100, 200, 1000}) {
            for (int count = 1; count <= 16; count++) {
                int partitions = count;
                long sum = IntStream.range(0, partitions).mapToLong(p -> BudgetShare.unitsOf(budget, p, partitions))
                        .sum();
                assertThat(sum).as("units of %d over %d partitions", budget, partitions).isEqualTo(budget);
            }
        }
    }

    @Test
    void instancesOwningDisjointPartitionsNeverHoldMoreThanTheBudgetBetweenThem() {
        for (int budget : new int[] {5, 20, 100, 200}) {
            // every way of splitting 8 partitions between three instances (each partition goes to one of them)
            for (int split = 0; split < Math.pow(3, PARTITIONS); split++) {
                List<List<Integer>> owned = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
                int rest = split;
                for (int p = 0; p < PARTITIONS; p++) {
                    owned.get(rest % 3).add(p);
                    rest /= 3;
                }
                int sum = 0;
                for (List<Integer> partitions : owned) {
                    int share = BudgetShare.owning(partitions, PARTITIONS).of(budget);
                    sum += share;
                    assertThat(share).as("%s of %d", partitions, budget)
                            .isBetween(partitions.size() * (budget / PARTITIONS),
                                    partitions.size() * ((budget + PARTITIONS - 1) / PARTITIONS));
                }
                assertThat(sum).as("%s of %d", owned, budget).isLessThanOrEqualTo(budget);
            }
        }
    }

    @Test
    void anInstanceOwningKOfNPartitionsGetsKNthsOfABudgetThatDividesEvenly() {
        assertThat(BudgetShare.owning(FIRST_HALF, PARTITIONS).of(200)).isEqualTo(100);
        assertThat(BudgetShare.owning(Set.of(5, 6, 7), PARTITIONS).of(200)).isEqualTo(75);
        assertThat(BudgetShare.owning(Set.of(), PARTITIONS).of(200)).as("no partition, no budget").isZero();
        assertThat(BudgetShare.WHOLE.of(200)).as("not consuming the job").isEqualTo(200);
    }

    @Test
    void aBudgetSmallerThanThePartitionCountGoesToSomePartitionsWholeUnitsAtATime() {
        // Miro's GET /Groups: 5 per 30 s over 8 partitions; never a fraction, never more than 5 in all
        List<Long> units = IntStream.range(0, PARTITIONS).mapToObj(p -> BudgetShare.unitsOf(5, p, PARTITIONS))
                .toList();

        assertThat(units).containsExactly(0L, 1L, 0L, 1L, 1L, 0L, 1L, 1L);
        assertThat(BudgetShare.owning(List.of(0, 2, 4, 6), PARTITIONS).of(5)
                + BudgetShare.owning(List.of(1, 3, 5, 7), PARTITIONS).of(5)).isEqualTo(5);
    }

    @Test
    void aShareThatShrinksStartsNothingUntilTheSlotsTakenFallBelowIt() {
        TargetRateLimiter limiter = limiter(10);
        limiter.share(BudgetShare.owning(ALL, PARTITIONS));
        List<Reservation> reserved = reserveAll(limiter);
        assertThat(reserved).hasSize(10);

        limiter.share(BudgetShare.owning(FIRST_HALF, PARTITIONS));
        // the requests reserved before the shrink still go out in their slots, and keep them for a window
        reserved.forEach(reservation -> limiter.send(RequestClass.USERS_CREATE, reservation,
                () -> Uni.createFrom().item(ok())).await().indefinitely());
        assertThat(limiter.reserve(RequestClass.USERS_CREATE)).isEqualTo(new Slot.Later(WINDOW));

        advance(WINDOW);
        assertThat(reserveAll(limiter)).as("the new share, once the old slots freed").hasSize(5);
        assertThat(status(limiter).share()).isEqualTo(5);
    }

    @Test
    void aShareThatGrowsGivesItsNewUnitsOnlyOnceAWindowHasPassed() {
        TargetRateLimiter limiter = limiter(10);
        limiter.share(BudgetShare.owning(FIRST_HALF, PARTITIONS));

        limiter.share(BudgetShare.owning(ALL, PARTITIONS));

        assertThat(status(limiter).heldBack()).isEqualTo(5);
        assertThat(sendAll(limiter)).as("the share it had before").isEqualTo(5);
        assertThat(limiter.reserve(RequestClass.USERS_CREATE)).isEqualTo(new Slot.Later(WINDOW));
        advance(WINDOW);
        assertThat(status(limiter).heldBack()).isZero();
        assertThat(sendAll(limiter)).as("the whole share, a window later").isEqualTo(10);
    }

    @Test
    void aRequestWaitingForItsSlotGoesOutWhenTheGainIsNoLongerHeldBack() {
        TargetRateLimiter limiter = limiter(10);
        limiter.share(BudgetShare.owning(Set.of(), PARTITIONS));
        AtomicLong started = new AtomicLong();
        limiter.send(RequestClass.USERS_CREATE, () -> {
            started.incrementAndGet();
            return Uni.createFrom().item(ok());
        }).subscribe().with(answer -> { });
        assertThat(started.get()).as("no partition, no budget").isZero();

        limiter.share(BudgetShare.owning(SECOND_HALF, PARTITIONS));
        assertThat(started.get()).as("held back for a window").isZero();
        advance(WINDOW);

        assertThat(started.get()).isEqualTo(1);
    }

    @Test
    void twoInstancesHandingPartitionsBackAndForthNeverSendMoreThanTheBudgetInAnyWindow() {
        int budget = 20;
        TargetRateLimiter first = limiter(budget);
        TargetRateLimiter second = limiter(budget);
        first.share(BudgetShare.owning(ALL, PARTITIONS));
        second.share(BudgetShare.owning(Set.of(), PARTITIONS));
        List<Long> sent = new ArrayList<>();
        long start = now.get();
        Map<Integer, Runnable> rebalances = Map.of(
                20, () -> { // the second instance joins: it takes half of the partitions
                    first.share(BudgetShare.owning(FIRST_HALF, PARTITIONS));
                    second.share(BudgetShare.owning(SECOND_HALF, PARTITIONS));
                },
                95, () -> { // it leaves: the first takes them back
                    second.share(BudgetShare.owning(Set.of(), PARTITIONS));
                    first.share(BudgetShare.owning(ALL, PARTITIONS));
                },
                140, () -> { // and joins again, taking other partitions
                    first.share(BudgetShare.owning(Set.of(0, 2, 4, 6), PARTITIONS));
                    second.share(BudgetShare.owning(Set.of(1, 3, 5, 7), PARTITIONS));
                });
        long secondSentBeforeLeaving = 0;
        for (int second0 = 0; second0 < 240; second0++) {
            Runnable rebalance = rebalances.get(second0);
            if (rebalance != null) {
                rebalance.run();
            }
            for (TargetRateLimiter instance : List.of(first, second)) {
                int count = sendAll(instance);
                for (int i = 0; i < count; i++) {
                    sent.add(now.get());
                }
                if (instance == second && second0 < 95) {
                    secondSentBeforeLeaving += count;
                }
            }
            advance(Duration.ofSeconds(1));
        }

        assertThat(secondSentBeforeLeaving).as("the second instance spent its share").isPositive();
        for (int i = 0; i + budget < sent.size(); i++) {
            assertThat(sent.get(i + budget) - sent.get(i))
                    .as("%d requests from %d s on", budget + 1, (sent.get(i) - start) / 1_000_000_000L)
                    .isGreaterThanOrEqualTo(WINDOW.toNanos());
        }
        assertThat(sent.size()).as("both kept the target busy: about one budget a window")
                .isGreaterThan(budget * 240 / 30 * 3 / 4);
    }

    private TargetRateLimiter limiter(int budget) {
        return new TargetRateLimiter(new RateLimitPolicy(WINDOW, Map.of(RequestClass.USERS_CREATE, budget), 500),
                (task, delay) -> wakeUps.add(task), now::get);
    }

    private static List<Reservation> reserveAll(TargetRateLimiter limiter) {
        List<Reservation> reserved = new ArrayList<>();
        while (limiter.reserve(RequestClass.USERS_CREATE) instanceof Slot.Reserved slot) {
            reserved.add(slot.reservation());
        }
        return reserved;
    }

    /** Sends as many requests as the budget lets through now, each answered at once; answers how many. */
    private static int sendAll(TargetRateLimiter limiter) {
        List<Reservation> reserved = reserveAll(limiter);
        reserved.forEach(reservation -> limiter.send(RequestClass.USERS_CREATE, reservation,
                () -> Uni.createFrom().item(ok())).await().indefinitely());
        return reserved.size();
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
        List<Runnable> due = new ArrayList<>(wakeUps);
        wakeUps.clear();
        due.forEach(Runnable::run);
    }

    private static RequestBudgetStatus status(TargetRateLimiter limiter) {
        return limiter.status().get(0);
    }

    private static TargetAnswer ok() {
        return () -> 200;
    }
}
