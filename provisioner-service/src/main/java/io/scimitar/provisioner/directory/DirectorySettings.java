package io.scimitar.provisioner.directory;

import io.scimitar.events.AssignmentTopics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the provisioner learns the directory's applications; the rest of the consumer's settings (session timeout,
 * retry backoff, poll size) are the jobs' ({@code ConsumerSettings}).
 */
@ConfigMapping(prefix = "scimitar.provisioner.directory")
public interface DirectorySettings {

    /** The compacted topic assignment-service publishes application events to. */
    @WithDefault(AssignmentTopics.APPLICATION_EVENTS)
    String topic();

    /** The consumer group every instance shares: it reads the topic from the beginning the first time. */
    @WithDefault("scimitar-provisioner-directory")
    String consumerGroup();
}
