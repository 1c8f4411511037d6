package io.scimitar.provisioner.consumer;

import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.AssignmentEventCodec;
import io.scimitar.events.UnsupportedEventException;
import io.scimitar.events.UserAssignmentEvent;
import io.scimitar.events.UserDeletedEvent;
import io.opentelemetry.context.Context;
import io.scimitar.provisioner.membership.MembershipSynchronizer;
import io.scimitar.provisioner.observability.ProvisionerMetrics;
import io.scimitar.provisioner.pipeline.ChangeOutcome;
import io.scimitar.provisioner.pipeline.ChangeTrace;
import io.scimitar.provisioner.pipeline.ConsumerSettings;
import io.scimitar.provisioner.pipeline.JobContext;
import io.scimitar.provisioner.pipeline.PendingWrites;
import io.scimitar.provisioner.pipeline.ProvisioningStatus;
import io.scimitar.provisioner.provisioning.BatchWriter;
import io.scimitar.provisioner.provisioning.EventDispatcher;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies a batch of a job's events: keeps those of the job's application, applies each object's events in order and
 * different objects in parallel, then re-evaluates the groups of the users that changed; returns once
 * every change is applied and its links, escrow resolutions and log entries are written for the whole poll at once
 * ({@link BatchWriter}).
 */
@ApplicationScoped
public class BatchApplier {

    private static final Logger LOG = Logger.getLogger(BatchApplier.class);

    private final EventDispatcher dispatcher;
    private final MembershipSynchronizer memberships;
    private final BatchWriter batchWriter;
    private final DeadLetterPublisher deadLetters;
    private final ConsumerSettings settings;
    private final ChangeTracing tracing;
    private final ProvisionerMetrics metrics;

    public BatchApplier(EventDispatcher dispatcher, MembershipSynchronizer memberships, BatchWriter batchWriter,
            DeadLetterPublisher deadLetters, ConsumerSettings settings, ChangeTracing tracing,
            ProvisionerMetrics metrics) {
        this.tracing = tracing;
        this.metrics = metrics;
        this.dispatcher = dispatcher;
        this.memberships = memberships;
        this.batchWriter = batchWriter;
        this.deadLetters = deadLetters;
        this.settings = settings;
    }

    /**
     * Applies the records of one poll; an unreadable event goes to the dead-letter topic. {@code moreWaiting}: more
     * events wait on the job's partitions (a backlog), so the group pushes of its users may wait to gather with the
     * next polls' ({@link WaitingMemberPushes}). Answers whether the poll held any event of the job's application.
     */
    boolean apply(JobContext context, ConsumerRecords<String, byte[]> records, JobWatch watch, boolean moreWaiting) {
        String keyPrefix = context.job().applicationId() + "/";
        boolean ownEvents = false;
        Map<String, List<AssignmentEvent>> byObject = new LinkedHashMap<>();
        Map<AssignmentEvent, Context> traces = new IdentityHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.key() == null || !record.key().startsWith(keyPrefix)) {
                continue;
            }
            ownEvents = true;
            try {
                AssignmentEvent event = AssignmentEventCodec.decode(record.value());
                byObject.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(event);
                traces.put(event, tracing.of(record.headers()));
            } catch (UnsupportedEventException e) {
                deadLetters.publish(context.job().id(), record, e.getMessage());
                watch.progress.poisonEvent();
                LOG.warnf("Job %s: sent the unreadable event at %s-%d offset %d to %s: %s", context.job().id(),
                        record.topic(), record.partition(), record.offset(), deadLetters.topic(), e.getMessage());
            }
        }
        applyAll(context, byObject, watch, traces, moreWaiting);
        return ownEvents;
    }

    /**
     * Applies the events of each object in order, different objects in parallel, then re-evaluates the target groups
     * of the users that changed (membership follows the users' current state). Returns once every change is applied
     * and logged.
     * <p>
     * Users go first, groups after them: a group's members are read when its PATCH is written, and Miro reactivates a
     * deactivated user it is asked to add to a team. Were a group's PATCH written while a member's disable is on its
     * way, it would undo the disable; once the users of the batch are done, it sees them as they are.
     */
    void applyAll(JobContext context, Map<String, List<AssignmentEvent>> byObject, JobWatch watch) {
        applyAll(context, byObject, watch, Map.of(), false);
    }

    /**
     * As {@link #applyAll(JobContext, Map, JobWatch)}, each event continuing the trace {@code traces} names; the group
     * pushes of its users wait for later polls while {@code moreWaiting} and they are not due.
     */
    private void applyAll(JobContext context, Map<String, List<AssignmentEvent>> byObject, JobWatch watch,
            Map<AssignmentEvent, Context> traces, boolean moreWaiting) {
        if (byObject.isEmpty()) {
            return;
        }
        List<List<AssignmentEvent>> users = new ArrayList<>();
        List<List<AssignmentEvent>> groups = new ArrayList<>();
        byObject.values().forEach(events -> (isUser(events.get(0)) ? users : groups).add(events));
        Map<String, AssignmentEvent> changedUsers = new ConcurrentHashMap<>();
        PendingWrites writes = batchWriter.start(context.job().id(), users.stream()
                .map(events -> events.get(0).objectId()).toList()).await().indefinitely();
        JobContext batch = context.writingWith(writes);
        applyInParallel(batch, users, changedUsers, watch, settings.concurrency(), traces);
        if (!groups.isEmpty()) {
            // groups resolve their members' links in the database: the users' links of this poll must be there
            batchWriter.flush(writes).await().indefinitely();
            // the members of the poll's membership snapshots in one statement, not one per group side by side
            memberships.storeSnapshots(batch, groups).await().indefinitely();
        }
        // groups side by side too: a group that may need a query takes its slot in the target's budget in one atomic
        // step before its index lookup, so no two see the same free slot (the others are put off, not held up)
        applyInParallel(batch, groups, changedUsers, watch, settings.concurrency(), traces);
        if (!changedUsers.isEmpty()) {
            // the rule reads the users' links and scopes from the database: both are written, in one statement,
            // before the groups are re-evaluated and before the poll is committed
            Map<String, Boolean> scopes = memberships.scopesOf(context, changedUsers.values());
            writes.scopes(scopes);
            batchWriter.flush(writes).await().indefinitely();
            watch.memberPushes.add(scopes.keySet(), System.nanoTime());
        }
        pushWaitingMembers(context, watch, moreWaiting, writes);
        batchWriter.flush(writes).await().indefinitely();
    }

    /**
     * Between polls, with nothing read: pushes the members still gathered (the job has read everything waiting). A
     * failure leaves them to the job's look for waiting members, soon.
     */
    void pushWaitingMembers(JobContext context, JobWatch watch) {
        if (watch.memberPushes.isEmpty()) {
            return;
        }
        try {
            PendingWrites writes = new PendingWrites(context.job().id());
            pushWaitingMembers(context, watch, false, writes);
            batchWriter.flush(writes).await().indefinitely();
        } catch (RuntimeException e) {
            LOG.warnf("Job %s: pushing the members of the users applied failed (%s); they are looked for again soon",
                    context.job().id(), e.getMessage());
            watch.membersPushFailed = true;
        }
    }

    /** Re-evaluates the groups of the users gathered in {@code watch} when they are due, logging with {@code writes}. */
    private void pushWaitingMembers(JobContext context, JobWatch watch, boolean moreWaiting, PendingWrites writes) {
        if (!watch.memberPushes.due(System.nanoTime(), moreWaiting)) {
            return;
        }
        List<ChangeTrace> pushes = memberships.membersChanged(context, watch.memberPushes.take()).await()
                .indefinitely();
        pushes.forEach(trace -> writes.log(trace.toEntry()));
        if (pushes.stream().anyMatch(trace -> trace.status() == ProvisioningStatus.FAILURE)) {
            watch.membersPushFailed = true;
        }
    }

    private void applyInParallel(JobContext context, List<List<AssignmentEvent>> objects,
            Map<String, AssignmentEvent> changedUsers, JobWatch watch, int concurrency,
            Map<AssignmentEvent, Context> traces) {
        if (objects.isEmpty()) {
            return;
        }
        Multi.createFrom().iterable(objects)
                .onItem().transformToUni(events -> applyInOrder(context, events, changedUsers, watch, traces))
                .merge(concurrency)
                .collect().last()
                .await().indefinitely();
    }

    /**
     * Counts, once the change's writes are durable, an event read from the topic ({@code fromTopic}; an escrow retry
     * is not one) and the latency of a change that did not fail.
     */
    private void measure(JobContext context, AssignmentEvent event, ChangeOutcome outcome, boolean fromTopic) {
        boolean failed = outcome instanceof ChangeOutcome.Processed processed
                && processed.trace() != null && processed.trace().status() == ProvisioningStatus.FAILURE;
        context.writes().onceDurable(() -> {
            if (fromTopic) {
                metrics.eventConsumed(context.job().id());
            }
            if (!failed) {
                metrics.changeApplied(context.job().id(), event.occurredAt());
            }
        });
    }

    private static boolean isUser(AssignmentEvent event) {
        return event instanceof UserAssignmentEvent || event instanceof UserDeletedEvent;
    }

    /** Applies one object's events in order; a user whose change was processed is noted in {@code changedUsers}. */
    private Uni<Void> applyInOrder(JobContext context, List<AssignmentEvent> events,
            Map<String, AssignmentEvent> changedUsers, JobWatch watch, Map<AssignmentEvent, Context> traces) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (AssignmentEvent event : events) {
            chain = chain.chain(() -> tracing.around(context, event, traces.get(event),
                            traced -> dispatcher.dispatch(traced, event))
                    .invoke(outcome -> {
                        watch.record(outcome, context.writes());
                        if (isUser(event) && outcome instanceof ChangeOutcome.Processed) {
                            changedUsers.put(event.objectId(), event);
                        }
                    })
                    .invoke(outcome -> measure(context, event, outcome, traces.containsKey(event)))
                    .replaceWithVoid());
        }
        return chain;
    }
}
