package io.scimitar.provisioner.consumer;

import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.GroupAssignmentEvent;
import io.scimitar.events.GroupDeletedEvent;
import io.scimitar.events.GroupMembershipEvent;
import io.scimitar.events.UserAssignmentEvent;
import io.scimitar.events.UserDeletedEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimitar.provisioner.link.LinkRepository;
import io.scimitar.provisioner.link.LinkedTargetResource;
import io.scimitar.provisioner.link.ObjectType;
import io.scimitar.provisioner.pipeline.ConsumerSettings;
import io.scimitar.provisioner.pipeline.JobContext;
import io.scimitar.provisioner.pipeline.TopicHistory;
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
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Carries out a restart that {@link RestartMarker}s left in a job's committed offsets, on the job's thread before it
 * consumes. A full restart first unlinks the links whose target object the job's start did not find in the target and
 * compares the others with the target as read. Then two passes over every partition's compacted view, from the
 * committed offset up to the marker's end, in batches like a poll's: the users (each one's newest state once), then
 * the groups (the memberships that still matter, from the group's newest snapshot on and none past its deletion, then
 * each group's newest state), so that every member's target user exists before any group is created, and a group
 * created is created with its members in one request. Finally it commits the end offsets, so that consumption resumes
 * there without applying anything twice. Each stage reached (the check against the target, the user pass) is recorded
 * in the markers: a job stopped meanwhile keeps them and goes on at its next start from the stage it had not finished
 * (a stage begun again is idempotent: the links hold the versions applied).
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
        Map<String, Object> properties = TopicHistory.readerProperties(consumerProperties);
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
                // the check's outcome is in the links: a later start goes on from here, not checking again against
                // a target read before this restart created anything
                if (!progress(kafka, context, committed, markers, RestartMarker::checked, running)) {
                    return false;
                }
            }
            List<TopicPartition> ordered = markers.keySet().stream()
                    .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
            int applied = 0;
            if (markers.values().stream().anyMatch(marker -> !marker.usersApplied())) {
                for (TopicPartition partition : ordered) {
                    RestartMarker marker = markers.get(partition);
                    long from = committed.get(partition).offset();
                    if (from < marker.until() && !marker.usersApplied()) {
                        applied += replayUsers(kafka, context, partition, from, marker, running, apply);
                    }
                    if (!running.getAsBoolean()) {
                        return false;
                    }
                }
                if (!progress(kafka, context, committed, markers, RestartMarker::withUsersApplied, running)) {
                    return false;
                }
                LOG.infof("Job %s: the restart applied the newest state of %d user(s); its groups come next",
                        context.job().id(), applied);
            }
            for (TopicPartition partition : ordered) {
                RestartMarker marker = markers.get(partition);
                long from = committed.get(partition).offset();
                if (from < marker.until()) {
                    applied += replayGroups(kafka, context, partition, from, marker, running, apply);
                }
                if (!running.getAsBoolean()) {
                    return false;
                }
            }
            Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
            markers.forEach((partition, marker) -> done.put(partition, new OffsetAndMetadata(marker.until(), DONE)));
            if (!commit(kafka, context, done, running)) {
                return false;
            }
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
     * The user pass over one partition's compacted view: a first read notes each user's newest state (and sends the
     * unreadable events on to the dead-letter topic), a second applies those states, in batches like a poll's. Only
     * the users of one partition are held, as 64-bit key hashes. Answers the states applied.
     */
    private int replayUsers(KafkaConsumer<String, byte[]> kafka, JobContext context, TopicPartition partition,
            long from, RestartMarker marker, BooleanSupplier running,
            Consumer<Map<String, List<AssignmentEvent>>> apply) {
        String prefix = context.job().applicationId() + "/";
        NewestEvents view = new NewestEvents();
        read(kafka, partition, from, marker.until(), prefix, running, (record, event) -> {
            if (isUser(event)) {
                view.state(record.key(), record.offset(), event.objectVersion(), event instanceof UserDeletedEvent);
            } else if (event == null && record.offset() >= marker.readBefore()) {
                deadLetters.publish(context.job().id(), record, "unreadable event met by a restart");
            }
        });
        int[] states = {0};
        Batch batch = new Batch(apply, settings.maxPollRecords());
        read(kafka, partition, from, marker.until(), prefix, running, (record, event) -> {
            if (isUser(event) && view.isNewestState(record.key(), record.offset())) {
                batch.add(record.key(), event);
                states[0]++;
            }
        });
        batch.flush();
        LOG.debugf("Job %s: %s offsets %d to %d hold %d user(s)", context.job().id(), partition, from,
                marker.until(), view.size());
        return states[0];
    }

    /**
     * The group pass over one partition's compacted view, once every partition's users are applied: a first read
     * notes each group's newest state and where its memberships start to matter, a second records the memberships
     * that still matter (a group not in the target yet gets no request from them), a third applies the groups' newest
     * states, so that a group created now is created with its members, in one request. Answers the states applied.
     */
    private int replayGroups(KafkaConsumer<String, byte[]> kafka, JobContext context, TopicPartition partition,
            long from, RestartMarker marker, BooleanSupplier running,
            Consumer<Map<String, List<AssignmentEvent>>> apply) {
        String prefix = context.job().applicationId() + "/";
        NewestEvents view = new NewestEvents();
        read(kafka, partition, from, marker.until(), prefix, running, (record, event) -> {
            if (event instanceof GroupMembershipEvent membership) {
                if (membership.isSnapshot() && membership.snapshot().part() == 1) {
                    view.snapshotStarts(record.key(), record.offset());
                }
            } else if (isGroup(event)) {
                view.state(record.key(), record.offset(), event.objectVersion(), event instanceof GroupDeletedEvent);
            }
        });
        Batch batch = new Batch(apply, settings.maxPollRecords());
        read(kafka, partition, from, marker.until(), prefix, running, (record, event) -> {
            if (event instanceof GroupMembershipEvent && view.isCurrentMembership(record.key(), record.offset())) {
                batch.add(record.key(), event);
            }
        });
        batch.flush();
        int[] states = {0};
        read(kafka, partition, from, marker.until(), prefix, running, (record, event) -> {
            if (isGroup(event) && view.isNewestState(record.key(), record.offset())) {
                batch.add(record.key(), event);
                states[0]++;
            }
        });
        batch.flush();
        LOG.debugf("Job %s: %s offsets %d to %d hold %d group(s)", context.job().id(), partition, from,
                marker.until(), view.size());
        return states[0];
    }

    private static boolean isUser(AssignmentEvent event) {
        return event instanceof UserAssignmentEvent || event instanceof UserDeletedEvent;
    }

    private static boolean isGroup(AssignmentEvent event) {
        return event instanceof GroupAssignmentEvent || event instanceof GroupDeletedEvent;
    }

    /**
     * Records a stage of the restart reached on every marked partition: the committed offsets stay where the restart
     * started, their markers become {@code next}'s (in {@code markers} too once committed). Answers whether it is
     * recorded (not when the job stopped first: the stage is then done again at its next start).
     */
    private boolean progress(KafkaConsumer<String, byte[]> kafka, JobContext context,
            Map<TopicPartition, OffsetAndMetadata> committed, Map<TopicPartition, RestartMarker> markers,
            UnaryOperator<RestartMarker> next, BooleanSupplier running) {
        Map<TopicPartition, RestartMarker> reached = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        markers.forEach((partition, marker) -> {
            reached.put(partition, next.apply(marker));
            offsets.put(partition, new OffsetAndMetadata(committed.get(partition).offset(),
                    reached.get(partition).metadata()));
        });
        if (!commit(kafka, context, offsets, running)) {
            return false;
        }
        markers.putAll(reached);
        return running.getAsBoolean();
    }

    /**
     * Reads {@code [from, until)} of one partition, handing each record of the job's application and its event (null
     * when unreadable).
     */
    private static void read(KafkaConsumer<String, byte[]> kafka, TopicPartition partition, long from, long until,
            String prefix, BooleanSupplier running, BiConsumer<ConsumerRecord<String, byte[]>, AssignmentEvent> sink) {
        TopicHistory.read(kafka, partition, from, until, key -> key.startsWith(prefix), running, sink);
    }

    /**
     * Commits offsets of the restart (its progress, or its end), trying again while the broker refuses and the job
     * runs; answers whether they are committed.
     */
    private boolean commit(KafkaConsumer<String, byte[]> kafka, JobContext context,
            Map<TopicPartition, OffsetAndMetadata> done, BooleanSupplier running) {
        while (running.getAsBoolean()) {
            try {
                kafka.commitSync(done);
                return true;
            } catch (WakeupException e) {
                throw e;
            } catch (RuntimeException e) {
                LOG.warnf("Job %s: committing where its restart got to failed (%s); trying again in %s",
                        context.job().id(), e.getMessage(), settings.retryBackoff());
                try {
                    Thread.sleep(settings.retryBackoff().toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
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
