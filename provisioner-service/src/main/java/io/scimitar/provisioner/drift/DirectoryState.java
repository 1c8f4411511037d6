package io.scimitar.provisioner.drift;

import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.GroupMembershipEvent;
import io.scimitar.provisioner.pipeline.JobDefinition;
import io.scimitar.provisioner.replay.TopicReader;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.Map;

/**
 * What the directory says now about a job's application: the newest state of each user and group it published (the
 * assignment topic's compacted view, read outside the job's consumer group as dry runs do), by object id.
 */
@ApplicationScoped
public class DirectoryState {

    private final TopicReader topic;

    public DirectoryState(TopicReader topic) {
        this.topic = topic;
    }

    /** Blocks while the topic is read. */
    public Newest read(JobDefinition job) {
        String prefix = job.applicationId() + "/";
        Map<String, AssignmentEvent> users = new HashMap<>();
        Map<String, AssignmentEvent> groups = new HashMap<>();
        topic.scan(key -> key.startsWith(prefix), null, null, event -> {
            if (!(event instanceof GroupMembershipEvent)) {
                (event.type().startsWith("user") ? users : groups).merge(event.objectId(), event,
                        (old, next) -> next.objectVersion() >= old.objectVersion() ? next : old);
            }
        });
        return new Newest(users, groups);
    }

    /** The newest user and group events, by object id. */
    public record Newest(Map<String, AssignmentEvent> users, Map<String, AssignmentEvent> groups) {
    }
}
