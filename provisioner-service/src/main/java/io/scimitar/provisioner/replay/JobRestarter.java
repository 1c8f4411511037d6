package io.scimitar.provisioner.replay;

import io.scimitar.events.KafkaClientSecurity;
import io.scimitar.provisioner.pipeline.ConsumerSettings;
import io.scimitar.provisioner.consumer.JobRunnerRegistry;
import io.scimitar.provisioner.escrow.EscrowRepository;
import io.scimitar.provisioner.pipeline.JobDefinition;
import io.scimitar.provisioner.consumer.ObjectCounter;
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
import java.util.List;
import java.util.Map;

/**
 * Restarts a job: stops it, moves its consumer group back to the beginning of the history (or to a time), and runs it
 * again. Objects already linked evaluate only their newest event again, so a replay converges without duplicates
 * and sends nothing when nothing changed; a full restart forgets the links first. As in Entra, a restart also clears
 * the escrowed retries and the quarantine, and drops the deletions held by the deletion guard unless told to send them
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
                    rewind(job, request.from());
                    return job;
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(() -> request.full() ? links.forgetJob(job.id())
                        : links.markForReevaluation(job.id()).replaceWithVoid())
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

    private void rewind(JobDefinition job, Instant from) {
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
            Map<TopicPartition, Long> start = from == null ? consumer.beginningOffsets(partitions)
                    : offsetsAt(consumer, partitions, from);
            Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
            start.forEach((partition, offset) -> commit.put(partition, new OffsetAndMetadata(offset,
                    from == null ? "restart" : "restart from " + from)));
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
