package io.scimitar.provisioner.configuration;

/** What a target's groups can do with a member whose account is inactive (disabled, or soft-deleted in the source). */
public enum InactiveMembers {

    /**
     * The target keeps an inactive user in a group like any other (RFC 7643: membership and {@code active} are
     * independent): inactive members are added and stay, as Entra leaves a disabled user in its groups.
     */
    HELD,

    /**
     * Adding an inactive user to a group reactivates it (Miro teams), and removing it has effects of its own (Miro
     * hands its boards in the team to a team admin): an inactive member is never added, and never removed for being
     * inactive; the group keeps whatever it had for that member until the member is active again or leaves.
     */
    NEITHER_ADDED_NOR_REMOVED
}
