package io.scimitar.faulttests;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Directory changes made in the background while a sync runs: one every {@code pace}, at most {@code limit}
 * (two in five take a user out of scope, and the job's deletion guard holds everything past 500 such; see
 * provisioner-service's README), through the instances of
 * assignment-service in turn (skipping one {@link #takeDown taken down}), each recorded in the test's
 * {@link ExpectedMiro}. In turn: a rename and a disable of a user in scope, a removal of a user from its only team (out
 * of scope), and, for users so removed, a direct assignment or an addition to another team (in scope again, the
 * second in a new team). Only this stream touches the {@link ExpectedMiro} until it is {@link #close closed}.
 */
final class ChangeStream implements AutoCloseable {

    private record Removed(String userId, String groupId) {
    }

    private final List<String> instances;
    private final Map<String, Http> directories;
    private final ExpectedMiro expected;
    private final DirectoryChanges changes;
    private final Iterator<String> untouched;
    private final Deque<Removed> removed = new ArrayDeque<>();
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> madeThrough = new ConcurrentHashMap<>();
    private final AtomicLong made = new AtomicLong();
    private final ReentrantLock changing = new ReentrantLock();
    private final ScheduledExecutorService timer;
    private final long limit;
    private volatile Throwable failure;
    private String current;
    private int step;
    private int turn;

    ChangeStream(FaultStack stack, String applicationId, ExpectedMiro expected, Duration pace, long limit) {
        this.limit = limit;
        this.instances = stack.processes().instances(io.scimitar.deploy.LocalStack.ASSIGNMENT_SERVICE);
        this.directories = new ConcurrentHashMap<>();
        instances.forEach(instance -> {
            directories.put(instance, stack.directory(instance));
            madeThrough.put(instance, new AtomicLong());
        });
        this.expected = expected;
        this.changes = new DirectoryChanges(() -> directories.get(current), applicationId, expected);
        this.untouched = expected.userIds().iterator();
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "directory-changes");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::changeOne, 0, pace.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends no more changes to {@code instance}; returns once no change is in flight to it. */
    void takeDown(String instance) {
        changing.lock();
        try {
            down.add(instance);
        } finally {
            changing.unlock();
        }
    }

    /** Sends changes to {@code instance} again. */
    void bringBack(String instance) {
        down.remove(instance);
    }

    /** Changes made so far (each acknowledged by assignment-service). */
    long made() {
        return made.get();
    }

    /** Changes made so far through {@code instance}. */
    long madeThrough(String instance) {
        return madeThrough.get(instance).get();
    }

    /** Stops the stream after the change in flight; fails if a change failed. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("A directory change did not finish within 2 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw new AssertionError("A directory change failed: " + failure.getMessage(), failure);
        }
    }

    private void changeOne() {
        if (failure != null || made.get() >= limit) {
            return;
        }
        changing.lock();
        try {
            current = nextInstance();
            if (current == null) {
                return;
            }
            change(step++ % 5);
            made.incrementAndGet();
            madeThrough.get(current).incrementAndGet();
        } catch (Throwable e) {
            failure = e;
            timer.shutdown();
        } finally {
            changing.unlock();
        }
    }

    private void change(int kind) {
        if (kind == 3 && !removed.isEmpty()) {
            changes.assign(removed.removeFirst().userId());
        } else if (kind == 4 && !removed.isEmpty()) {
            Removed user = removed.removeFirst();
            String otherTeam = expected.assignedGroupIds().stream().filter(team -> !team.equals(user.groupId()))
                    .skip(step % 7).findFirst().orElseThrow();
            changes.addMember(otherTeam, user.userId());
        } else if (kind == 1) {
            changes.disable(next(expected::shouldBeActive));
        } else if (kind == 2) {
            String userId = next(id -> expected.shouldBeActive(id) && !expected.isDirectlyAssigned(id)
                    && expected.groupsOf(id).size() == 1);
            String team = expected.groupsOf(userId).get(0);
            changes.removeMember(team, userId);
            removed.addLast(new Removed(userId, team));
        } else {
            String userId = next(expected::shouldBeActive);
            changes.rename(userId, "Renamed" + step, expected.person(userId).surname() + "-Changed");
        }
    }

    private String next(Predicate<String> eligible) {
        while (untouched.hasNext()) {
            String userId = untouched.next();
            if (eligible.test(userId)) {
                return userId;
            }
        }
        throw new IllegalStateException("The directory has too few users for this stream of changes");
    }

    private String nextInstance() {
        for (int i = 0; i < instances.size(); i++) {
            String instance = instances.get(turn++ % instances.size());
            if (!down.contains(instance)) {
                return instance;
            }
        }
        return null;
    }
}
