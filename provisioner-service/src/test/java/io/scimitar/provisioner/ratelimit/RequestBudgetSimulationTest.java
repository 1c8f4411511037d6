package io.scimitar.provisioner.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The budget of one request class against a simulated target that counts requests in fixed windows as Miro does (a
 * window starts with the first request after the previous one ended). Time is simulated, so the figures checked here
 * are properties of the algorithm, not of the machine running the test.
 */
class RequestBudgetSimulationTest {

    private static final Duration WINDOW = Duration.ofSeconds(30);
    private static final long LATENCY = Duration.ofMillis(40).toNanos();

    @Test
    void keepsToMirosBudgetWithoutA429AndWithinTenPercentOfTheFastestPossible() {
        Simulation simulation = new Simulation(200, 200, 32);

        simulation.run(2_000);

        assertThat(simulation.refused).isZero();
        assertThat(simulation.accepted).isEqualTo(2_000);
        long fastestPossible = 9 * WINDOW.toNanos() + LATENCY;
        assertThat(simulation.finishedAt).isBetween(fastestPossible, (long) (fastestPossible * 1.1));
    }

    @Test
    void neverSendsMoreThanTheBudgetInAnyWindowOfTheTarget() {
        Simulation simulation = new Simulation(20, 20, 64);

        simulation.run(500);

        List<Long> arrivals = simulation.arrivals;
        for (int i = 0; i + 20 < arrivals.size(); i++) {
            assertThat(arrivals.get(i + 20) - arrivals.get(i)).as("21 arrivals starting at #%d", i)
                    .isGreaterThanOrEqualTo(WINDOW.toNanos());
        }
    }

    @Test
    void learnsALowerLimitFromTheFirst429sAndThenRarelyMeetsAnother() {
        Simulation simulation = new Simulation(200, 120, 32);

        simulation.run(3_000);

        assertThat(simulation.accepted).isEqualTo(3_000);
        assertThat(simulation.budget.status().effective()).isLessThan(200);
        double refusedShare = (double) simulation.refused / (simulation.refused + simulation.accepted);
        assertThat(refusedShare).as("share of requests answered 429").isLessThan(0.05);
        long fastestPossible = (3_000 / 120 - 1) * WINDOW.toNanos();
        assertThat(simulation.finishedAt).as("simulated time to send everything")
                .isLessThan((long) (fastestPossible * 1.25));
    }

    @Test
    void waitsForTheTargetsRetryAfterBeforeSendingAgain() {
        Simulation simulation = new Simulation(10, 5, 4);

        simulation.run(20);

        assertThat(simulation.sentWhilePaused).isZero();
        assertThat(simulation.accepted).isEqualTo(20);
    }

    /** A discrete-event simulation: workers that each send one request at a time, the budget, and the target. */
    private static final class Simulation {

        private final PriorityQueue<Event> events = new PriorityQueue<>();
        private final int targetLimit;
        private final int workers;
        private final RequestBudget budget;
        private final List<Long> arrivals = new ArrayList<>();
        private long now;
        private long sequence;
        private long windowStart = Long.MIN_VALUE;
        private int usedInWindow;
        private long pausedUntil = Long.MIN_VALUE;
        private int remaining;
        private long accepted;
        private long refused;
        private long sentWhilePaused;
        private long finishedAt;

        Simulation(int configuredBudget, int targetLimit, int workers) {
            this.targetLimit = targetLimit;
            this.workers = workers;
            this.budget = new RequestBudget(RequestClass.USERS_CREATE, configuredBudget, WINDOW,
                    (task, delay) -> at(now + delay, task), () -> now);
        }

        void run(int requests) {
            remaining = requests;
            for (int i = 0; i < workers; i++) {
                nextRequest();
            }
            while (!events.isEmpty()) {
                Event event = events.poll();
                now = event.at;
                event.task.run();
            }
        }

        private void nextRequest() {
            if (remaining == 0) {
                return;
            }
            remaining--;
            send();
        }

        private void send() {
            budget.acquire().thenRun(() -> {
                if (now < pausedUntil) {
                    sentWhilePaused++;
                }
                at(now + LATENCY / 2, this::arrive);
            });
        }

        /** The target counts the request in its current fixed window and answers half a latency later. */
        private void arrive() {
            if (usedInWindow == 0 || now - windowStart >= WINDOW.toNanos()) {
                windowStart = now;
                usedInWindow = 0;
            }
            boolean allowed = usedInWindow < targetLimit;
            if (allowed) {
                usedInWindow++;
                arrivals.add(now);
            }
            long resetIn = windowStart + WINDOW.toNanos() - now;
            at(now + LATENCY / 2, () -> answer(allowed, resetIn));
        }

        private void answer(boolean allowed, long resetIn) {
            if (allowed) {
                accepted++;
                finishedAt = now;
                budget.answered(false, null);
                nextRequest();
            } else {
                refused++;
                Duration retryAfter = Duration.ofSeconds((resetIn + 999_999_999) / 1_000_000_000);
                pausedUntil = Math.max(pausedUntil, now + retryAfter.toNanos() - LATENCY);
                budget.answered(true, retryAfter);
                send();
            }
        }

        private void at(long time, Runnable task) {
            events.add(new Event(time, sequence++, task));
        }
    }

    private record Event(long at, long sequence, Runnable task) implements Comparable<Event> {
        @Override
        public int compareTo(Event other) {
            int byTime = Long.compare(at, other.at);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }
}
