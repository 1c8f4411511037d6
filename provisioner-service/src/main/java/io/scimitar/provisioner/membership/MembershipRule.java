package io.scimitar.provisioner.membership;

import io.scimitar.provisioner.configuration.InactiveMembers;
import io.scimitar.provisioner.link.LinkState;
import io.scimitar.provisioner.link.ObjectLink;

import java.util.Optional;

/**
 * The one rule for who is a member of a group in the target, from the current state only (never from the order in
 * which things happened): a source member of the group whose user is in the job's scope and provisioned (linked) in
 * the target is a member; an inactive one only where the target's groups can hold inactive members
 * ({@link InactiveMembers}).
 */
public final class MembershipRule {

    /** What the rule asks of the target group for one member. */
    public enum TargetMembership {
        /** The target group must hold the member. */
        MEMBER,
        /** The target group must not hold the member. */
        NOT_MEMBER,
        /**
         * Neither added nor removed: whatever the target group holds for this member stays (an inactive member where
         * adding would reactivate it, or an out-of-scope one under SkipOutOfScopeDeletions).
         */
        LEFT_AS_IS
    }

    /**
     * The inputs of the rule for one member of one group.
     *
     * @param sourceMember a direct member of the group in the source now
     * @param provisioned the user is linked to an object in the target (created or matched, not deleted since)
     * @param active that target object is active (the user is enabled, not soft-deleted, as last written) and stays
     *        so: no disable or delete of it waits in the deletion guard (settling, held, or allowed and on its way)
     * @param inScope the user is in the job's scope (assigned, or the job syncs all, and passing its scoping filters)
     */
    public record MemberState(boolean sourceMember, boolean provisioned, boolean active, boolean inScope) {

        /** The state of a member whose user has {@code link} (if any) and is in the job's scope or not. */
        public static MemberState of(boolean sourceMember, Optional<ObjectLink> link, boolean inScope) {
            return of(sourceMember, link, inScope, false);
        }

        /**
         * The state of a member whose user has {@code link} (if any), is in the job's scope or not, and has a disable
         * or delete pending in the deletion guard or not: a pending one makes it inactive already (its link still
         * reads ACTIVE until the disable goes out, but adding it to a Miro team now would reactivate it there).
         */
        public static MemberState of(boolean sourceMember, Optional<ObjectLink> link, boolean inScope,
                boolean deactivationPending) {
            boolean provisioned = link.isPresent() && link.get().targetId() != null
                    && (link.get().state() == LinkState.ACTIVE || link.get().state() == LinkState.DISABLED);
            return new MemberState(sourceMember, provisioned,
                    provisioned && link.get().state() == LinkState.ACTIVE && !deactivationPending, inScope);
        }
    }

    private MembershipRule() {
    }

    /**
     * Decides one member.
     *
     * @param inactiveMembers what the target's groups can do with inactive members (the connector profile's)
     * @param skipOutOfScopeDeletions the job leaves out-of-scope accounts alone (Entra's SkipOutOfScopeDeletions)
     */
    public static TargetMembership decide(MemberState member, InactiveMembers inactiveMembers,
            boolean skipOutOfScopeDeletions) {
        if (!member.sourceMember() || !member.provisioned()) {
            return TargetMembership.NOT_MEMBER;
        }
        if (!member.inScope()) {
            return skipOutOfScopeDeletions ? TargetMembership.LEFT_AS_IS : TargetMembership.NOT_MEMBER;
        }
        if (member.active() || inactiveMembers == InactiveMembers.HELD) {
            return TargetMembership.MEMBER;
        }
        return TargetMembership.LEFT_AS_IS;
    }
}
