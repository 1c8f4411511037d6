package io.scimitar.provisioner.replay;

import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.EventKeys;
import io.scimitar.events.GroupMembershipEvent;
import io.scimitar.events.MemberRef;
import io.scimitar.events.UserAssignmentEvent;
import io.scimitar.events.UserDeletedEvent;
import io.scimitar.provisioner.pipeline.ChangeTrace;
import io.scimitar.provisioner.pipeline.ProvisioningStatus;
import io.scimitar.provisioner.pipeline.ProvisioningStep.StepType;
import io.scimitar.provisioner.consumer.JobRunnerRegistry;
import io.scimitar.provisioner.error.ProblemException;
import io.scimitar.provisioner.pipeline.JobDefinition;
import io.scimitar.provisioner.link.LinkRepository;
import io.scimitar.provisioner.link.ObjectLink;
import io.scimitar.provisioner.link.ObjectType;
import io.scimitar.provisioner.membership.MembershipRepository;
import io.scimitar.provisioner.membership.MembershipRow;
import io.scimitar.provisioner.pipeline.ProvisioningLogEntry;
import io.scimitar.provisioner.mapping.EvaluationSettings;
import io.scimitar.provisioner.provisioning.EventDispatcher;
import io.scimitar.provisioner.pipeline.JobContext;
import io.scimitar.provisioner.scim.ScimClientFactory;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Provision on demand: applies one user's newest state (or one group's, with its members) now, without waiting for
 * the job's consumer to reach it, and answers the steps as the provisioning log records them.
 */
@ApplicationScoped
public class OnDemandProvisioner {

    /** As Entra, on demand handles a group with a few members; larger groups go through the event stream. */
    static final int MAX_GROUP_MEMBERS = 50;

    private final TopicReader topic;
    private final EventDispatcher dispatcher;
    private final LinkRepository links;
    private final ScimClientFactory scimClients;
    private final JobRunnerRegistry runners;
    private final EvaluationSettings evaluation;
    private final MembershipRepository memberships;

    public OnDemandProvisioner(TopicReader topic, EventDispatcher dispatcher, LinkRepository links,
            ScimClientFactory scimClients, JobRunnerRegistry runners, EvaluationSettings evaluation,
            MembershipRepository memberships) {
        this.memberships = memberships;
        this.evaluation = evaluation;
        this.topic = topic;
        this.dispatcher = dispatcher;
        this.links = links;
        this.scimClients = scimClients;
        this.runners = runners;
    }

    /**
     * Provisions one user. A user the directory published nothing about for the job's application, but did for
     * another, exists and is not assigned: the answer is a skipped entry saying so (Entra's "Determine if in scope"),
     * not a 404, which is kept for a user the directory has no event about at all, or whose newest says deleted.
     * A user who is out of scope for a scoping filter is answered by the pipeline's own skipped entry, naming the
     * clauses that failed.
     */
    public Uni<List<ProvisioningLogEntry>> user(JobDefinition job, String userId) {
        String key = EventKeys.key(job.applicationId(), userId);
        return newest(List.of(key)).chain(events -> {
            AssignmentEvent event = events.get(key);
            if (event == null) {
                return notAssigned(job, userId).map(List::of);
            }
            JobContext context = context(job);
            return apply(context, ObjectType.USER, event).map(List::of);
        });
    }

    /** The skipped entry for a user the directory knows through other applications only, or 404. */
    private Uni<ProvisioningLogEntry> notAssigned(JobDefinition job, String userId) {
        String suffix = "/" + userId;
        return Uni.createFrom().item(() -> {
            AssignmentEvent[] newest = {null};
            topic.scan(key -> key.endsWith(suffix), null, null, event -> {
                if (event instanceof UserAssignmentEvent || event instanceof UserDeletedEvent) {
                    if (newest[0] == null || event.objectVersion() >= newest[0].objectVersion()) {
                        newest[0] = event;
                    }
                }
            });
            return newest[0];
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).map(found -> {
            if (found == null) {
                throw ProblemException.notFound("The directory has published no event about user " + userId
                        + " for any application, so user " + userId);
            }
            if (found instanceof UserDeletedEvent) {
                throw ProblemException.notFound("User " + userId + " was deleted from the directory, so it");
            }
            UserAssignmentEvent user = (UserAssignmentEvent) found;
            String reason = "The user is not assigned to the application " + job.applicationId()
                    + " (directly or through an assigned group), and the application publishes only assigned users";
            UUID cycle = runners.cycleId(job.id()).orElseGet(UUID::randomUUID);
            return ChangeTrace.forObject(job.id(), cycle, "User", userId)
                    .sourceDisplay(user.user().userPrincipalName())
                    .step(StepType.IMPORT, "EntryImportAdd", ProvisioningStatus.SUCCESS,
                            "User " + user.user().userPrincipalName() + " exists in the directory")
                    .step(StepType.SCOPING, "EntrySynchronizationScoping", ProvisioningStatus.SKIPPED, reason,
                            Map.of("assigned", false, "applicationId", job.applicationId()))
                    .skipped("EntrySynchronizationSkipped", reason)
                    .toEntry();
        });
    }

    /**
     * Provisions one group with its members; the answer lists the members the target group gained and lost, from
     * what the job knows the target group holds before and after.
     */
    public Uni<OnDemandGroupAnswer> group(JobDefinition job, String groupId) {
        String groupKey = EventKeys.key(job.applicationId(), groupId);
        return Uni.createFrom().item(() -> {
                    List<AssignmentEvent> groupEvents = new ArrayList<>();
                    topic.scan(groupKey::equals, null, List.of(groupKey), groupEvents::add);
                    return groupEvents;
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(groupEvents -> {
                    AssignmentEvent group = groupEvents.stream().filter(e -> !(e instanceof GroupMembershipEvent))
                            .reduce((a, b) -> b.objectVersion() >= a.objectVersion() ? b : a).orElseThrow(() ->
                                    ProblemException.notFound("No event about group " + groupId
                                            + " for application " + job.applicationId() + " has been published, "
                                            + "so group " + groupId));
                    List<GroupMembershipEvent> memberships = groupEvents.stream()
                            .filter(GroupMembershipEvent.class::isInstance).map(GroupMembershipEvent.class::cast)
                            .toList();
                    Set<String> members = currentMembers(memberships);
                    if (members.size() > MAX_GROUP_MEMBERS) {
                        throw new ProblemException(422, "Group too large for on demand", "Group " + groupId
                                + " has " + members.size() + " members; on demand handles at most "
                                + MAX_GROUP_MEMBERS + ", larger groups are provisioned by the job", List.of());
                    }
                    List<String> memberKeys = members.stream().map(id -> EventKeys.key(job.applicationId(), id))
                            .toList();
                    JobContext context = context(job);
                    return newest(memberKeys).chain(memberEvents -> {
                        List<ProvisioningLogEntry> entries = new ArrayList<>();
                        Set<String> before = new LinkedHashSet<>();
                        return inTargetGroup(job, groupId).invoke(before::addAll)
                                .chain(() -> Multi.createFrom().iterable(memberEvents.values())
                                        .onItem().transformToUniAndConcatenate(e -> apply(context, ObjectType.USER, e)
                                                .invoke(entries::add))
                                        .collect().last())
                                .chain(() -> apply(context, ObjectType.GROUP, group).invoke(entries::add))
                                .chain(() -> Multi.createFrom().iterable(memberships)
                                        .onItem().transformToUniAndConcatenate(m -> dispatcher.dispatch(context, m)
                                                .invoke(outcome -> {
                                                    if (outcome.trace() != null) {
                                                        entries.add(outcome.trace().toEntry());
                                                    }
                                                }))
                                        .collect().last())
                                .chain(() -> inTargetGroup(job, groupId))
                                .chain(after -> answer(job, entries, before, after));
                    });
                });
    }

    /** The members the job knows the target group holds (exported), by directory id. */
    private Uni<Set<String>> inTargetGroup(JobDefinition job, String groupId) {
        return memberships.rows(job.id(), groupId).map(rows -> {
            Set<String> exported = new LinkedHashSet<>();
            rows.stream().filter(MembershipRow::exported).forEach(row -> exported.add(row.memberId()));
            return exported;
        });
    }

    private Uni<OnDemandGroupAnswer> answer(JobDefinition job, List<ProvisioningLogEntry> entries, Set<String> before,
            Set<String> after) {
        List<String> added = after.stream().filter(id -> !before.contains(id)).toList();
        List<String> removed = before.stream().filter(id -> !after.contains(id)).toList();
        List<String> both = new ArrayList<>(added);
        both.addAll(removed);
        return links.findAll(job.id(), ObjectType.USER, both).map(found -> new OnDemandGroupAnswer(
                entries.stream().filter(java.util.Objects::nonNull).toList(),
                added.stream().map(id -> member(id, found.get(id))).toList(),
                removed.stream().map(id -> member(id, found.get(id))).toList()));
    }

    private static OnDemandGroupAnswer.Member member(String userId, ObjectLink link) {
        return new OnDemandGroupAnswer.Member(userId, link == null ? null : link.displayName(),
                link == null ? null : link.targetId());
    }

    private Uni<ProvisioningLogEntry> apply(JobContext context, ObjectType type, AssignmentEvent event) {
        return links.markForReevaluation(context.job().id(), type, event.objectId())
                .chain(() -> dispatcher.dispatch(context, event))
                .map(outcome -> outcome.trace() == null ? null : outcome.trace().toEntry());
    }

    private Uni<Map<String, AssignmentEvent>> newest(List<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Set<String> wanted = new LinkedHashSet<>(keys);
        return Uni.createFrom().item(() -> {
            Map<String, AssignmentEvent> newest = new LinkedHashMap<>();
            topic.scan(wanted::contains, null, wanted, event -> {
                if (!(event instanceof GroupMembershipEvent)) {
                    newest.merge(event.key(), event, (a, b) -> b.objectVersion() >= a.objectVersion() ? b : a);
                }
            });
            return newest;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static Set<String> currentMembers(List<GroupMembershipEvent> events) {
        Set<String> members = new LinkedHashSet<>();
        for (GroupMembershipEvent event : events) {
            if (event.isSnapshot() && event.snapshot().part() == 1) {
                members.clear();
            }
            event.added().stream().filter(m -> m.type() == MemberRef.MemberType.USER).forEach(m -> members.add(m.id()));
            event.removed().forEach(m -> members.remove(m.id()));
        }
        return members;
    }

    private JobContext context(JobDefinition job) {
        UUID cycle = runners.cycleId(job.id()).orElseGet(UUID::randomUUID);
        return JobContext.of(job, scimClients.forJob(job.id(), job.tenantUrl(), job.secretToken(),
                job.rateLimits()), cycle, evaluation.budget());
    }
}
