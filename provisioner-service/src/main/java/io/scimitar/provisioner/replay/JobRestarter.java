package io.scimitar.provisioner.replay;

import io.scimitar.events.KafkaClientSecurity;
import io.scimitar.provisioner.pipeline.ConsumerSettings;
import io.scimitar.provisioner.consumer.JobRunnerRegistry;
import io.scimitar.provisioner.escrow.EscrowRepository;
import io.scimitar.provisioner.pipeline.JobDefinition;
import io.scimitar.provisioner.consumer.ObjectCounter;
import io.scimitar.provisioner.consumer.RestartMarker;
import io.scimitar.provisioner.link.LinkRepository;
import io.scimitar.provisioner.quarantine.QuarantineKeeper;
import io.scimitar.provisioner.quarantine.QuarantineReason;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Restarts a job: stops it, leaves a {@link RestartMarker} in its consumer group's committed offsets (the history to
 * replay: from the beginning, or from a time, or from where the job had read if that is earlier, up to the topic's end
 * now) and runs it again; the job then applies each object's newest state of that history once (the compacted view,
 * {@code consumer.RestartReplay}) and consumes from the end. Links are never forgotten: they keep the newest version
 * applied, so no older state is ever sent; every link is marked for its newest event to be evaluated again, and a full
 * restart also checks them against the target the job reads at its start. As in Entra, a restart also clears the
 * escrowed retries and the quarantine, and drops the deletions held by the deletion guard unless told to send them
 * (ForceDeletes); a replay from a time keeps what is escrowed.
 */
@ApplicationScoped
public class JobRestarter {

    private final JobRunnerRegistry runners;
    private final LinkRepository links;
    private final ConsumerSettings settings;
    private final String bootstrapServers;
    private final EscrowRepository escrow;
    private final QuarantineKeeper quarantine;
    private final ObjectCounter counter;

    public JobRestarter(JobRunnerRegistry runners, LinkRepository links, ConsumerSettings settings,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, EscrowRepository escrow,
            QuarantineKeeper quarantine, ObjectCounter counter) {
        this.counter = counter;
        this.escrow = escrow;
        this.quarantine = quarantine;
        this.runners = runners;
        this.links = links;
        this.settings = settings;
        this.bootstrapServers = bootstrapServers;
    }

    public Uni<Void> restart(JobDefinition job, RestartRequest request) {
        return Uni.createFrom().item(() -> {
                    runners.stop(job.id());
                    mark(job, request);
                    return job;
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(() -> links.markForReevaluation(job.id()).replaceWithVoid())
                .chain(() -> clearEscrowAndQuarantine(job, request))
                .invoke(() -> counter.forget(job.id()))
                .call(() -> runners.runLater(job));
    }

    /**
     * A replay of the whole history decides every object again, so the escrowed retries can go; a replay from a time
     * keeps them, as their events may be older than that time. What the deletion guard keeps stays either way.
     */
    private Uni<Void> clearEscrowAndQuarantine(JobDefinition job, RestartRequest request) {
        Uni<Integer> released = request.forceDeletes() ? escrow.release(job.id(), Instant.now())
                : Uni.createFrom().item(0);
        boolean wholeHistory = request.from() == null;
        return released
                .chain(() -> !wholeHistory ? Uni.createFrom().item(0)
                        : request.forceDeletes() ? escrow.clearRetries(job.id()) : escrow.clear(job.id()))
                .chain(() -> wholeHistory || request.forceDeletes() ? quarantine.leave(job.id(), null)
                        : quarantine.leave(job.id(), QuarantineReason.EncounteredQuarantineException)
                                .chain(() -> quarantine.leave(job.id(),
                                        QuarantineReason.EncounteredEscrowProportionThreshold)))
                .replaceWithVoid();
    }

    /**
     * Commits, per partition, where the replay starts (the requested start, or where the job had read if that is
     * earlier: nothing waiting is skipped) with a marker naming the topic's end now; a marker still waiting from an
     * earlier restart is merged into the new one.
     */
    private void mark(JobDefinition job, RestartRequest request) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.putAll(KafkaClientSecurity.fromConfig(ConfigProvider.getConfig()));
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, settings.consumerGroupPrefix() + job.id());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(settings.topic(), Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                return;
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> requested = request.from() == null ? beginning
                    : offsetsAt(consumer, partitions, request.from());
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
            Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata current = committed.get(partition);
                long read = current == null ? beginning.get(partition) : current.offset();
                Optional<RestartMarker> waiting = current == null ? Optional.empty()
                        : RestartMarker.parse(current.metadata());
                long readBefore = waiting.map(RestartMarker::readBefore).orElse(read);
                boolean full = request.full() || waiting.map(RestartMarker::full).orElse(false);
                long start = Math.min(read, requested.get(partition));
                commit.put(partition, new OffsetAndMetadata(start,
                        new RestartMarker(end.get(partition), readBefore, full).metadata()));
            }
            consumer.commitSync(commit);
        }
    }

    private static Map<TopicPartition, Long> offsetsAt(KafkaConsumer<String, byte[]> consumer,
            List<TopicPartition> partitions, Instant from) {
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(partition -> times.put(partition, from.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = found.get(partition);
            offsets.put(partition, offset == null ? end.get(partition) : offset.offset());
        }
        return offsets;
    }
}
