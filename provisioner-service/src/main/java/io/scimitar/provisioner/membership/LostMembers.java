package io.scimitar.provisioner.membership;

import io.scimitar.provisioner.link.LinkRepository;
import io.scimitar.provisioner.link.LinkState;
import io.scimitar.provisioner.link.ObjectLink;
import io.scimitar.provisioner.link.ObjectType;
import io.scimitar.provisioner.pipeline.ChangeTrace;
import io.scimitar.provisioner.pipeline.JobContext;
import io.scimitar.provisioner.pipeline.ProvisioningStatus;
import io.scimitar.provisioner.pipeline.ProvisioningStep.StepType;
import io.scimitar.provisioner.scim.ScimClient;
import io.scimitar.provisioner.scim.ScimResult;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * A group the target lost is re-created with its members: when the target lost its data, their target users may be
 * gone too, and a group must not be given member ids that no longer exist. Each linked member's target user is read
 * first; one that answers 404 is unlinked (its next change creates it again, and the membership rule then adds it).
 */
@ApplicationScoped
public class LostMembers {

    /** Members read at once. */
    private static final int READS_IN_PARALLEL = 4;

    private final MembershipRepository memberships;
    private final LinkRepository links;

    public LostMembers(MembershipRepository memberships, LinkRepository links) {
        this.memberships = memberships;
        this.links = links;
    }

    /** Unlinks the source members of {@code groupId} whose target user is gone; notes each in {@code trace}. */
    public Uni<Void> unlinkGone(JobContext context, String groupId, ChangeTrace trace) {
        return memberships.members(context.job().id(), groupId)
                .chain(members -> links.findAll(context.job().id(), ObjectType.USER, members))
                .chain(users -> {
                    List<ObjectLink> linked = users.values().stream().filter(link -> link.targetId() != null
                            && (link.state() == LinkState.ACTIVE || link.state() == LinkState.DISABLED)).toList();
                    if (linked.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    return Multi.createFrom().iterable(linked)
                            .onItem().transformToUni(link -> check(context, link, trace))
                            .merge(READS_IN_PARALLEL)
                            .collect().last().replaceWithVoid();
                });
    }

    private Uni<Void> check(JobContext context, ObjectLink user, ChangeTrace trace) {
        return context.scim().get(ScimClient.USERS, user.targetId()).chain(result -> {
            if (!(result instanceof ScimResult.Failure failure && failure.kind() == ScimResult.FailureKind.NOT_FOUND)) {
                return Uni.createFrom().voidItem();
            }
            return links.unlinkGoneTarget(context.job().id(), ObjectType.USER, user.sourceId(), user.targetId())
                    .invoke(unlinked -> {
                        if (unlinked) {
                            trace.step(StepType.REFERENCE_RESOLUTION, "EntryReferenceResolution",
                                    ProvisioningStatus.WARNING, "The target user " + user.targetId() + " of member "
                                            + user.displayName() + " no longer exists (HTTP 404): its link is dropped,"
                                            + " and its next change creates it again and adds it to the group");
                        }
                    })
                    .replaceWithVoid();
        });
    }
}
