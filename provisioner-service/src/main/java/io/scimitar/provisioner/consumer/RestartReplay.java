package io.scimitar.provisioner.consumer;

import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.AssignmentEventCodec;
import io.scimitar.events.GroupAssignmentEvent;
import io.scimitar.events.GroupDeletedEvent;
import io.scimitar.events.GroupMembershipEvent;
import io.scimitar.events.UnsupportedEventException;
import io.scimitar.events.UserDeletedEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimitar.provisioner.link.LinkRepository;
import io.scimitar.provisioner.link.LinkedTargetResource;
import io.scimitar.provisioner.link.ObjectType;
import io.scimitar.provisioner.pipeline.ConsumerSettings;
import io.scimitar.provisioner.pipeline.JobContext;
import io.scimitar.provisioner.scim.ScimResourceReader;
import io.scimitar.provisioner.targetindex.IndexStatus;
import io.scimitar.provisioner.targetindex.IndexView;
import io.scimitar.provisioner.targetindex.TargetIndexes;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Carries out a restart that {@link RestartMarker}s left in a job's committed offsets, on the job's thread before it
 * consumes: for a full restart, first unlinks the links whose target object the job's start did not find in the
 * target and compares the others with the target as read; then, one partition at a time, applies the partition's compacted view from the committed offset up to the
 * marker's end: each object's newest state once (a user or group, assigned or deleted), then the membership events
 * that still matter (from the group's newest snapshot on, none past its deletion), in batches like a poll's; finally
 * commits the end offsets, so that consumption resumes there without applying anything twice. A job stopped
 * meanwhile keeps its markers and replays at its next start (idempotent: the links hold the versions applied).
 */
@ApplicationScoped
public class RestartReplay {

    private static final Logger LOG = Logger.getLogger(RestartReplay.class);
    /** The metadata of the offsets committed once a restart is carried out. */
    static final String DONE = "scimitar-restart done";

    /** Links compared with the target per statement in a full restart. */
    private static final int COMPARE_PAGE = 1000;

    private final LinkRepository links;
    private final TargetIndexes indexes;
    private final ObjectMapper json;
    private final DeadLetterPublisher deadLetters;
    private final ConsumerSettings settings;

    public RestartReplay(LinkRepository links, TargetIndexes indexes, DeadLetterPublisher deadLetters,
            ConsumerSettings settings, ObjectMapper json) {
        this.links = links;
        this.json = json;
        this.indexes = indexes;
        this.deadLetters = deadLetters;
        this.settings = settings;
    }

    /**
     * Carries out the job's waiting restart, if any, applying each batch through {@code apply}; answers false when the
     * job stopped before it was done.
     */
    boolean replayIfPending(JobContext context, Map<String, Object> consumerProperties, BooleanSupplier running,
            Consumer<Map<String, List<AssignmentEvent>>> apply) {
        Map<String, Object> properties = new HashMap<>(consumerProperties);
        properties.remove(ConsumerConfig.CLIENT_ID_CONFIG);
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(properties, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = kafka.partitionsFor(settings.topic(), Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                return true;
            }
            Set<TopicPartition> partitions = infos.stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).collect(Collectors.toSet());
            Map<TopicPartition, OffsetAndMetadata> committed = kafka.committed(partitions);
            Map<TopicPartition, RestartMarker> markers = new HashMap<>();
            committed.forEach((partition, offset) -> {
                if (offset != null) {
                    RestartMarker.parse(offset.metadata()).ifPresent(marker -> markers.put(partition, marker));
                }
            });
            if (markers.isEmpty()) {
                return true;
            }
            long started = System.nanoTime();
            if (markers.values().stream().anyMatch(RestartMarker::full)) {
                unlinkMissingTargets(context);
            }
            int applied = 0;
            List<TopicPartition> ordered = markers.keySet().stream()
                    .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
            for (TopicPartition partition : ordered) {
                RestartMarker marker = markers.get(partition);
                long from = committed.get(partition).offset();
                if (from < marker.until()) {
                    applied += replayPartition(kafka, context, partition, from, marker, running, apply);
                }
                if (!running.getAsBoolean()) {
                    return false;
                }
            }
            Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
            markers.forEach((partition, marker) -> done.put(partition, new OffsetAndMetadata(marker.until(), DONE)));
            commit(kafka, context, done, running);
            LOG.infof("Job %s: the restart applied the newest state of %d object(s) in %d ms; consuming from the "
                    + "offsets it reached", context.job().id(), applied, (System.nanoTime() - started) / 1_000_000);
            return running.getAsBoolean();
        } catch (WakeupException e) {
            return false;
        }
    }

    /** A full restart: links whose target object is gone are unlinked, so their newest state re-creates them. */
    private void unlinkMissingTargets(JobContext context) {
        for (ObjectType type : ObjectType.values()) {
            Optional<IndexView> view = indexes.view(context.job().id(), type)
                    .filter(v -> v.status() == IndexStatus.COMPLETE);
            if (view.isEmpty()) {
                LOG.infof("Job %s: the full restart does not check the %s links against the target, which was not "
                        + "read completely at the start", context.job().id(), type.scimResourceType());
                continue;
            }
            int unlinked = links.unlinkMissingTargets(context.job().id(), type, view.get().readId())
                    .await().indefinitely();
            int compared = compareWithTarget(context, type, view.get().readId());
            LOG.infof("Job %s: the full restart found %d linked %s missing from the target (%d read), which its "
                    + "newest state creates again, and compares %d other(s) with the target as read", context.job().id(),
                    unlinked, type.scimResourceType(), view.get().objects(), compared);
        }
    }

    /**
     * A full restart: the links whose target object is there take the object's values as read for what they last
     * exported, so that the newest state is compared with the target (what changed there since is set right; a
     * disable the target already has sends nothing and is not counted by the deletion guard).
     */
    private int compareWithTarget(JobContext context, ObjectType type, java.util.UUID readId) {
        int compared = 0;
        String after = "";
        while (true) {
            List<LinkedTargetResource> page = links.linkedTargetResources(context.job().id(), type, readId, after,
                    COMPARE_PAGE).await().indefinitely();
            if (page.isEmpty()) {
                return compared;
            }
            Map<String, Map<String, Object>> current = new HashMap<>();
            for (LinkedTargetResource link : page) {
                try {
                    current.put(link.sourceId(), ScimResourceReader.values(json.readTree(link.resource()),
                            link.exported().keySet()));
                } catch (JsonProcessingException e) {
                    LOG.debugf("Job %s: the target's %s of %s could not be read again (%s)", context.job().id(),
                            type.scimResourceType(), link.sourceId(), e.getOriginalMessage());
                }
            }
            links.replaceExported(context.job().id(), type, current).await().indefinitely();
            compared += current.size();
            after = page.get(page.size() - 1).sourceId();
        }
    }

    /**
     * One partition's compacted view: a first read notes each object's newest state and where its memberships start,
     * a second applies the newest states, a third the memberships. Answers the states applied.
     */
    private int replayPartition(KafkaConsumer<String, byte[]> kafka, JobContext context, TopicPartition partition,
            long from, RestartMarker marker, BooleanSupplier running,
            Consumer<Map<String, List<AssignmentEvent>>> apply) {
        String prefix = context.job().applicationId() + "/";
        NewestEvents view = new NewestEvents();
        read(kafka, partition, from, marker.until(), prefix, running, (record, event) -> {
            if (event instanceof GroupMembershipEvent membership) {
                if (membership.isSnapshot() && membership.snapshot().part() == 1) {
                    view.snapshotStarts(record.key(), record.offset());
                }
            } else if (event != null) {
                view.state(record.key(), record.offset(), event.objectVersion(),
                        event instanceof UserDeletedEvent || event instanceof GroupDeletedEvent);
            } else if (record.offset() >= marker.readBefore()) {
                deadLetters.publish(context.job().id(), record, "unreadable event met by a restart");
            }
        });
        int[] states = {0};
        Batch batch = new Batch(apply, settings.maxPollRecords());
        read(kafka, partition, from, marker.until(), prefix, running, (record, event) -> {
            if (event != null && !(event instanceof GroupMembershipEvent)
                    && view.isNewestState(record.key(), record.offset())) {
                batch.add(record.key(), event);
                states[0]++;
            }
        });
        batch.flush();
        read(kafka, partition, from, marker.until(), prefix, running, (record, event) -> {
            if (event instanceof GroupMembershipEvent && view.isCurrentMembership(record.key(), record.offset())) {
                batch.add(record.key(), event);
            }
        });
        batch.flush();
        LOG.debugf("Job %s: %s offsets %d to %d hold %d object(s)", context.job().id(), partition, from,
                marker.until(), view.size());
        return states[0];
    }

    /** Reads {@code [from, until)} of one partition, handing each record of the job's application and its event. */
    private static void read(KafkaConsumer<String, byte[]> kafka, TopicPartition partition, long from, long until,
            String prefix, BooleanSupplier running, BiConsumer<ConsumerRecord<String, byte[]>, AssignmentEvent> sink) {
        kafka.assign(List.of(partition));
        kafka.seek(partition, from);
        while (kafka.position(partition) < until && running.getAsBoolean()) {
            for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofMillis(200))) {
                if (record.offset() >= until || record.key() == null || !record.key().startsWith(prefix)) {
                    continue;
                }
                AssignmentEvent event;
                try {
                    event = AssignmentEventCodec.decode(record.value());
                } catch (UnsupportedEventException e) {
                    event = null;
                }
                sink.accept(record, event);
            }
        }
    }

    /** Commits the restart's end offsets, trying again while the broker refuses and the job runs. */
    private void commit(KafkaConsumer<String, byte[]> kafka, JobContext context,
            Map<TopicPartition, OffsetAndMetadata> done, BooleanSupplier running) {
        while (running.getAsBoolean()) {
            try {
                kafka.commitSync(done);
                return;
            } catch (WakeupException e) {
                throw e;
            } catch (RuntimeException e) {
                LOG.warnf("Job %s: committing the offsets its restart reached failed (%s); trying again in %s",
                        context.job().id(), e.getMessage(), settings.retryBackoff());
                try {
                    Thread.sleep(settings.retryBackoff().toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The events of a replay gathered by object, handed on as a poll's are once there are enough of them. */
    private static final class Batch {
        private final Consumer<Map<String, List<AssignmentEvent>>> apply;
        private final int size;
        private Map<String, List<AssignmentEvent>> byObject = new LinkedHashMap<>();
        private int events;

        Batch(Consumer<Map<String, List<AssignmentEvent>>> apply, int size) {
            this.apply = apply;
            this.size = size;
        }

        void add(String key, AssignmentEvent event) {
            byObject.computeIfAbsent(key, k -> new ArrayList<>()).add(event);
            if (++events >= size) {
                flush();
            }
        }

        void flush() {
            if (!byObject.isEmpty()) {
                apply.accept(byObject);
                byObject = new LinkedHashMap<>();
                events = 0;
            }
        }
    }
}
