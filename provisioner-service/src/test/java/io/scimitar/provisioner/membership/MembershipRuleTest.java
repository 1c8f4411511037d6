package io.scimitar.provisioner.membership;

import io.scimitar.provisioner.configuration.ConnectorProfile;
import io.scimitar.provisioner.configuration.InactiveMembers;
import io.scimitar.provisioner.link.LinkState;
import io.scimitar.provisioner.link.ObjectLink;
import io.scimitar.provisioner.link.ObjectType;
import io.scimitar.provisioner.membership.MembershipRule.MemberState;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.scimitar.provisioner.membership.MembershipRule.TargetMembership.LEFT_AS_IS;
import static io.scimitar.provisioner.membership.MembershipRule.TargetMembership.MEMBER;
import static io.scimitar.provisioner.membership.MembershipRule.TargetMembership.NOT_MEMBER;
import static org.assertj.core.api.Assertions.assertThat;

/** The membership rule alone, without Kafka or a target: every input, for both connector profiles. */
class MembershipRuleTest {

    private static final InactiveMembers GENERIC = ConnectorProfile.GENERIC_SCIM.inactiveMembers();
    private static final InactiveMembers MIRO = ConnectorProfile.MIRO.inactiveMembers();

    private static MemberState member(boolean provisioned, boolean active, boolean inScope) {
        return new MemberState(true, provisioned, active, inScope);
    }

    @Test
    void theProfilesSayWhatTheirGroupsDoWithInactiveMembers() {
        assertThat(GENERIC).isEqualTo(InactiveMembers.HELD);
        assertThat(MIRO).isEqualTo(InactiveMembers.NEITHER_ADDED_NOR_REMOVED);
    }

    @Test
    void anActiveProvisionedMemberInScopeIsAMemberEverywhere() {
        assertThat(MembershipRule.decide(member(true, true, true), GENERIC, false)).isEqualTo(MEMBER);
        assertThat(MembershipRule.decide(member(true, true, true), MIRO, false)).isEqualTo(MEMBER);
    }

    @Test
    void aDisabledMemberStaysOrIsAddedWhereGroupsHoldInactiveUsers() {
        assertThat(MembershipRule.decide(member(true, false, true), GENERIC, false)).isEqualTo(MEMBER);
    }

    @Test
    void aDisabledMiroMemberIsNeitherAddedNorRemoved() {
        assertThat(MembershipRule.decide(member(true, false, true), MIRO, false)).isEqualTo(LEFT_AS_IS);
    }

    @Test
    void aMemberWhoseUserIsNotProvisionedIsNotAMember() {
        assertThat(MembershipRule.decide(member(false, false, true), GENERIC, false)).isEqualTo(NOT_MEMBER);
        assertThat(MembershipRule.decide(member(false, false, true), MIRO, false)).isEqualTo(NOT_MEMBER);
    }

    @Test
    void aUserWhoLeftTheSourceGroupIsNotAMemberWhateverItsState() {
        for (InactiveMembers profile : InactiveMembers.values()) {
            for (boolean active : new boolean[] {true, false}) {
                assertThat(MembershipRule.decide(new MemberState(false, true, active, true), profile, false))
                        .isEqualTo(NOT_MEMBER);
                assertThat(MembershipRule.decide(new MemberState(false, true, active, false), profile, true))
                        .isEqualTo(NOT_MEMBER);
            }
        }
    }

    @Test
    void anOutOfScopeUserIsNotAMemberUnlessOutOfScopeAccountsAreLeftAlone() {
        for (InactiveMembers profile : InactiveMembers.values()) {
            assertThat(MembershipRule.decide(member(true, false, false), profile, false)).isEqualTo(NOT_MEMBER);
            assertThat(MembershipRule.decide(member(true, true, false), profile, false)).isEqualTo(NOT_MEMBER);
            assertThat(MembershipRule.decide(member(true, true, false), profile, true)).isEqualTo(LEFT_AS_IS);
        }
    }

    @Test
    void aMemberWhoseDisableIsPendingInTheDeletionGuardIsInactiveAlready() {
        UUID job = UUID.randomUUID();
        MemberState pending = MemberState.of(true, Optional.of(link(job, "t-1", LinkState.ACTIVE)), true, true);
        assertThat(pending.provisioned()).isTrue();
        assertThat(pending.active()).isFalse();
        assertThat(MembershipRule.decide(pending, MIRO, false)).isEqualTo(LEFT_AS_IS);
        assertThat(MembershipRule.decide(pending, GENERIC, false)).isEqualTo(MEMBER);
        assertThat(MemberState.of(true, Optional.of(link(job, "t-1", LinkState.ACTIVE)), true, false).active())
                .isTrue();
    }

    @Test
    void readsProvisionedAndActiveFromTheUsersLink() {
        UUID job = UUID.randomUUID();
        assertThat(MemberState.of(true, Optional.empty(), true).provisioned()).isFalse();
        assertThat(MemberState.of(true, Optional.of(link(job, "t-1", LinkState.ACTIVE)), true))
                .isEqualTo(new MemberState(true, true, true, true));
        assertThat(MemberState.of(true, Optional.of(link(job, "t-1", LinkState.DISABLED)), false))
                .isEqualTo(new MemberState(true, true, false, false));
        assertThat(MemberState.of(true, Optional.of(link(job, "t-1", LinkState.DELETED)), true).provisioned())
                .isFalse();
        assertThat(MemberState.of(true, Optional.of(link(job, null, LinkState.NOT_PROVISIONED)), true)
                .provisioned()).isFalse();
    }

    private static ObjectLink link(UUID job, String targetId, LinkState state) {
        return new ObjectLink(job, ObjectType.USER, "u-1", targetId, state, Map.of(), 1, "u@example.com");
    }
}
