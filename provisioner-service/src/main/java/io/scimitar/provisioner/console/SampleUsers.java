package io.scimitar.provisioner.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.EventKeys;
import io.scimitar.events.UserAssignmentEvent;
import io.scimitar.events.UserSnapshot;
import io.scimitar.provisioner.console.DirectoryPassThrough.CallerCredential;
import io.scimitar.provisioner.error.ProblemException;
import io.scimitar.provisioner.mapping.SourceObjects;
import io.scimitar.provisioner.replay.TopicReader;
import io.scimitar.provisioner.rules.AppRoleAssignment;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A directory user as a job's pipeline sees it, for the console's expression and scoping samples: the newest event
 * the directory published about the user for the application (its attributes and every app role it holds, directly
 * or through a group), read from the user's partition of the topic as provision on demand reads it; or, when none
 * was published (the user is not assigned), the directory's user itself, with no role. Converted by
 * {@link SourceObjects}, as the pipeline converts it.
 */
@ApplicationScoped
public class SampleUsers {

    /** Where the sample came from. */
    public enum Seen {
        /** The newest event published for the application: what the pipeline reads. */
        EVENT,
        /** Nothing published for the application (not assigned): the directory's user, no role. */
        DIRECTORY
    }

    /**
     * The sample, in the shape the expression builder takes ({@code attributes}, {@code appRoleAssignments}).
     *
     * @param assigned whether the application has the user assigned (directly or through a group)
     * @param seenIn where it came from
     */
    public record SampleUser(Map<String, Object> attributes, List<AppRoleAssignment> appRoleAssignments,
            boolean assigned, Seen seenIn) {
    }

    private final TopicReader topic;
    private final DirectoryPassThrough directory;
    private final ObjectMapper json;

    public SampleUsers(TopicReader topic, DirectoryPassThrough directory, ObjectMapper json) {
        this.topic = topic;
        this.directory = directory;
        // the directory's user carries more than a snapshot (its version): read only the snapshot's fields
        this.json = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** 200 with the {@link SampleUser}, or the directory's own refusal (404 for an unknown user). */
    public Uni<Response> sample(UUID applicationId, UUID userId, CallerCredential caller) {
        return newest(applicationId.toString(), userId.toString()).chain(event -> {
            if (event != null) {
                return Uni.createFrom().item(Response.ok(new SampleUser(
                        SourceObjects.userAttributes(event.user(), !event.shouldBeActive()),
                        SourceObjects.appRoles(event.roles()), event.assigned(), Seen.EVENT)).build());
            }
            return directory.forward(caller, (api, credential) -> api.user(userId.toString(), credential.apiKey(),
                    credential.authorization())).map(answer -> answer.getStatus() == 200
                            ? Response.ok(unassigned((String) answer.getEntity())).build()
                            : answer);
        });
    }

    private Uni<UserAssignmentEvent> newest(String applicationId, String userId) {
        String key = EventKeys.key(applicationId, userId);
        return Uni.createFrom().item(() -> {
            AssignmentEvent[] newest = {null};
            topic.scan(key::equals, null, List.of(key), event -> {
                if (newest[0] == null || event.objectVersion() >= newest[0].objectVersion()) {
                    newest[0] = event;
                }
            });
            return newest[0] instanceof UserAssignmentEvent user ? user : null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** Entra's IsSoftDeleted is true for a user the application does not have assigned. */
    private SampleUser unassigned(String directoryUser) {
        try {
            UserSnapshot user = json.readValue(directoryUser, UserSnapshot.class);
            return new SampleUser(SourceObjects.userAttributes(user, true), List.of(), false, Seen.DIRECTORY);
        } catch (JsonProcessingException e) {
            throw new ProblemException(502, "Directory answer unreadable",
                    "The directory (assignment-service) answered a user this provisioner cannot read", List.of());
        }
    }
}
