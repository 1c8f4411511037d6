package io.scimitar.provisioner.provisioning;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.events.UserSnapshot;
import io.scimitar.provisioner.link.LinkRepository;
import io.scimitar.provisioner.link.LinkState;
import io.scimitar.provisioner.link.ObjectLink;
import io.scimitar.provisioner.link.ObjectType;
import io.scimitar.provisioner.matching.MatchResult;
import io.scimitar.provisioner.matching.TargetMatcher;
import io.scimitar.provisioner.pipeline.ChangeOutcome;
import io.scimitar.provisioner.pipeline.JobContext;
import io.scimitar.provisioner.pipeline.StageJobs;
import io.scimitar.provisioner.pipeline.ProvisioningAction;
import io.scimitar.provisioner.pipeline.ProvisioningStatus;
import io.scimitar.provisioner.rules.mapping.MatchingValue;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The act and match stages called directly, without the consumer or Kafka, against the Miro mock: a user event comes
 * out as a typed outcome, and the matcher finds what the provisioner created.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class UserProvisionerStageTest {

    @Inject
    UserProvisioner users;

    @Inject
    TargetMatcher matcher;

    @Inject
    LinkRepository links;

    @Inject
    StageJobs stageJobs;

    private String app;
    private JobContext context;

    @BeforeEach
    void job() {
        app = newApplication();
        context = stageJobs.miroContext(app);
    }

    @AfterEach
    void deleteJob() {
        asAdmin().delete("/api/v1/jobs/" + context.job().id()).then().statusCode(204);
    }

    @Test
    void createsAnAssignedUserAndLeavesItsLinkForTheDispatcherToStore() {
        UserSnapshot ada = uniqueUser("Ada", "Lovelace", "Research");

        ChangeOutcome outcome = users.apply(context, assigned(app, ada, 1)).await().indefinitely();

        assertThat(outcome).isInstanceOfSatisfying(ChangeOutcome.Processed.class, processed -> {
            assertThat(processed.trace().action()).isEqualTo(ProvisioningAction.CREATE);
            assertThat(processed.trace().status()).isEqualTo(ProvisioningStatus.SUCCESS);
            assertThat(processed.linkToStore()).hasValueSatisfying(link -> {
                assertThat(link.sourceId()).isEqualTo(ada.id());
                assertThat(link.targetId()).isNotBlank();
                assertThat(link.state()).isEqualTo(LinkState.ACTIVE);
                assertThat(link.sourceVersion()).isEqualTo(1);
            });
        });
    }

    @Test
    void anEventNoNewerThanTheStoredLinkIsStale() {
        UserSnapshot ada = uniqueUser("Ada", "Lovelace", "Research");
        links.save(users.apply(context, assigned(app, ada, 2)).await().indefinitely().link()).await().indefinitely();

        assertThat(users.apply(context, assigned(app, ada, 2)).await().indefinitely())
                .isInstanceOf(ChangeOutcome.Stale.class);
        assertThat(links.find(context.job().id(), ObjectType.USER, ada.id()).await().indefinitely())
                .hasValueSatisfying(link -> assertThat(link.sourceVersion()).isEqualTo(2));
    }

    @Test
    void theMatcherFindsTheCreatedUserByItsUserNameAndNothingForAnUnknownOne() {
        UserSnapshot ada = uniqueUser("Ada", "Lovelace", "Research");
        ObjectLink link = users.apply(context, assigned(app, ada, 1)).await().indefinitely().link();

        MatchResult found = matcher.match(context.job().id(), context.scim(), ObjectType.USER, Optional.empty(),
                List.of(new MatchingValue("userName", 1, ada.userPrincipalName())), false).await().indefinitely();
        MatchResult unknown = matcher.match(context.job().id(), context.scim(), ObjectType.USER, Optional.empty(),
                List.of(new MatchingValue("userName", 1, "nobody-" + UUID.randomUUID() + "@example.com")), false)
                .await().indefinitely();
        MatchResult linked = matcher.match(context.job().id(), context.scim(), ObjectType.USER, Optional.of(link), List.of(), false)
                .await().indefinitely();

        assertThat(found).isInstanceOfSatisfying(MatchResult.Matched.class,
                matched -> assertThat(matched.targetId()).isEqualTo(link.targetId()));
        assertThat(unknown).isInstanceOf(MatchResult.NotFound.class);
        assertThat(linked).isEqualTo(new MatchResult.Linked(link.targetId()));
    }
}
