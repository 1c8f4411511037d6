package io.scimitar.provisioner.progress;

import io.quarkus.runtime.ShutdownEvent;
import io.scimitar.events.KafkaClientSecurity;
import io.scimitar.provisioner.pipeline.ConsumerSettings;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * How far behind the topic's end a job is, per partition: the end offset minus the job's committed position (the
 * beginning of the partition when the job never committed there, as it then reads from the earliest). Read from the
 * broker with the Admin client (list offsets, list consumer group offsets), so it is true whether the job runs, is
 * paused or is stopped, and counts only events whose effects are stored (offsets are committed after that). A job's
 * figures are reused for {@link ProgressSettings#backlogReuse()} (1 s), so a progress bar polling them costs the
 * broker at most one round of Admin calls per job and second.
 */
@ApplicationScoped
public class TopicBacklog {

    private static final Logger LOG = Logger.getLogger(TopicBacklog.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ConsumerSettings settings;
    private final String bootstrapServers;
    private final Function<UUID, Optional<Backlog>> reader;
    private final LongSupplier nanoTime;
    private final long reuseNanos;
    private final Map<UUID, Read> latest = new ConcurrentHashMap<>();
    private volatile Admin admin;

    @Inject
    public TopicBacklog(ConsumerSettings settings, ProgressSettings progress,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.settings = settings;
        this.bootstrapServers = bootstrapServers;
        this.reader = this::read;
        this.nanoTime = System::nanoTime;
        this.reuseNanos = progress.backlogReuse().toNanos();
    }

    /** Reads with {@code reader}, reusing a job's figures for {@code reuse} by the clock {@code nanoTime}. */
    TopicBacklog(Function<UUID, Optional<Backlog>> reader, LongSupplier nanoTime, Duration reuse) {
        this.settings = null;
        this.bootstrapServers = null;
        this.reader = reader;
        this.nanoTime = nanoTime;
        this.reuseNanos = reuse.toNanos();
    }

    /**
     * The job's backlog, as read from the broker at most {@code backlog-reuse} ago; empty when the broker does not
     * answer in time (the figure is then unknown, and asked again next time).
     */
    public Uni<Optional<Backlog>> of(UUID jobId) {
        Read last = latest.get(jobId);
        if (last != null && nanoTime.getAsLong() - last.at() < reuseNanos) {
            return Uni.createFrom().item(Optional.of(last.backlog()));
        }
        return Uni.createFrom().item(() -> readAndKeep(jobId))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Optional<Backlog> readAndKeep(UUID jobId) {
        long at = nanoTime.getAsLong();
        latest.values().removeIf(read -> at - read.at() >= reuseNanos); // e.g. of deleted jobs
        Optional<Backlog> backlog = reader.apply(jobId);
        backlog.ifPresent(read -> latest.put(jobId, new Read(read, at)));
        return backlog;
    }

    private Optional<Backlog> read(UUID jobId) {
        try {
            Admin client = admin();
            List<TopicPartition> partitions = client.describeTopics(List.of(settings.topic())).allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(settings.topic()).partitions().stream()
                    .map(info -> new TopicPartition(settings.topic(), info.partition())).toList();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            partitions.forEach(partition -> {
                latest.put(partition, OffsetSpec.latest());
                earliest.put(partition, OffsetSpec.earliest());
            });
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = client.listOffsets(latest).all()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = client.listOffsets(earliest).all()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = client
                    .listConsumerGroupOffsets(settings.consumerGroupPrefix() + jobId)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<PartitionBacklog> perPartition = new ArrayList<>();
            for (TopicPartition partition : partitions) {
                long end = ends.get(partition).offset();
                long start = starts.get(partition).offset();
                OffsetAndMetadata position = committed.get(partition);
                long at = position == null ? start : Math.max(start, position.offset());
                perPartition.add(new PartitionBacklog(partition.partition(), at, end, Math.max(0, end - at)));
            }
            perPartition.sort(Comparator.comparingInt(PartitionBacklog::partition));
            return Optional.of(new Backlog(perPartition.stream().mapToLong(PartitionBacklog::behind).sum(),
                    perPartition));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            LOG.debugf("Job %s: the topic's offsets could not be read (%s)", jobId, e.getMessage());
            return Optional.empty();
        }
    }

    private Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                current = admin;
                if (current == null) {
                    Map<String, Object> properties = new HashMap<>();
                    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
                    properties.putAll(KafkaClientSecurity.fromConfig(ConfigProvider.getConfig()));
                    properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "scimitar-provisioner-progress");
                    properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
                    properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
                    current = Admin.create(properties);
                    admin = current;
                }
            }
        }
        return current;
    }

    void close(@Observes ShutdownEvent shutdown) {
        Admin current = admin;
        if (current != null) {
            current.close(Duration.ofSeconds(5));
        }
    }

    private record Read(Backlog backlog, long at) {
    }

    /**
     * @param eventsBehind events on the topic after the job's committed position, summed over the partitions
     * @param partitions each partition's figures
     */
    public record Backlog(long eventsBehind, List<PartitionBacklog> partitions) {
    }

    /**
     * @param committed the job's position (the next event it will read once its effects are stored)
     * @param end the partition's end offset (the next event to be written)
     * @param behind {@code end - committed}
     */
    public record PartitionBacklog(int partition, long committed, long end, long behind) {
    }
}
