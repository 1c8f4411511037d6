package io.scimitar.provisioner.consumer;

import io.scimitar.provisioner.pipeline.JobContext;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** One job consumed on this instance: its context, its watch, and the thread and Kafka consumer reading for it. */
final class RunningJob {

    private final JobContext context;
    private final JobWatch watch;
    private final Runnable consumption;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    private volatile Consumer<BooleanSupplier> beforeConsuming = running -> { };
    private volatile Consumer<BooleanSupplier> readingTargetAgain = running -> { };
    private volatile Instant targetReadAt = Instant.EPOCH;

    RunningJob(JobContext context, JobWatch watch, Consumer<RunningJob> consumption) {
        this.context = context;
        this.watch = watch;
        this.consumption = () -> consumption.accept(this);
    }

    void start() {
        thread = new Thread(consumption, "job-" + context.job().id());
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops after the batch in progress; returns once the consumer is closed. */
    void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(Duration.ofSeconds(60).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Sets the work done on the job's thread before its first poll (the target index read), told whether it still runs. */
    void beforeConsuming(Consumer<BooleanSupplier> work) {
        this.beforeConsuming = work;
    }

    /** Runs the work set by {@link #beforeConsuming(Consumer)}. */
    void prepareToConsume() {
        targetReadAt = Instant.now();
        beforeConsuming.accept(this::isRunning);
    }

    /** Sets how the job reads its target again, whatever it read before (a full restart requested since). */
    void whenReadingTargetAgain(Consumer<BooleanSupplier> work) {
        this.readingTargetAgain = work;
    }

    /** Reads the target again, on the job's thread, as set by {@link #whenReadingTargetAgain(Consumer)}. */
    void readTargetAgain() {
        targetReadAt = Instant.now();
        readingTargetAgain.accept(this::isRunning);
    }

    /** Whether the job's target was last read before {@code moment}. */
    boolean targetReadBefore(Instant moment) {
        return targetReadAt.isBefore(moment);
    }

    boolean isRunning() {
        return running;
    }

    /** The Kafka consumer now reading for the job (null once closed), so that {@link #stop} can wake it up. */
    void consumingWith(KafkaConsumer<String, byte[]> kafka) {
        this.consumer = kafka;
    }

    JobContext context() {
        return context;
    }

    JobWatch watch() {
        return watch;
    }
}
