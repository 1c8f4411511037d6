package io.scimitar.provisioner.membership;

/**
 * One member of one group as the job knows it.
 *
 * @param memberId the source user's id
 * @param sourceMember a direct member of the group in the source now
 * @param exported the target group holds the member (as far as the job's writes went)
 */
public record MembershipRow(String memberId, boolean sourceMember, boolean exported) {
}
