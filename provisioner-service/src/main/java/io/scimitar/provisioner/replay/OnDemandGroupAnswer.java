package io.scimitar.provisioner.replay;

import io.scimitar.provisioner.pipeline.ProvisioningLogEntry;

import java.util.List;

/**
 * What provisioning a group on demand did: the log entries of its members, the group and its membership, and the
 * members it added to and removed from the target group.
 */
public record OnDemandGroupAnswer(List<ProvisioningLogEntry> entries, List<Member> membersAdded,
        List<Member> membersRemoved) {

    /** A member by its directory id, the user principal name last seen and its id in the target. */
    public record Member(String userId, String userPrincipalName, String targetId) {
    }
}
