package io.scimitar.provisioner.ratelimit;

/** Runs a task after a delay: a scheduled executor in the service, a simulated clock in tests. */
@FunctionalInterface
interface WakeUpTimer {

    void schedule(Runnable task, long delayNanos);
}
