package io.scimitar.assignment.outbox;

/**
 * The topics an outbox row can go to, as stored in its {@code topic} column; the relay sends each row to the topic
 * name configured for its role ({@link KafkaConfig}).
 */
public enum OutboxTopic {

    /** The assignment events (scimitar.assignment.kafka.topic). */
    ASSIGNMENTS("assignments"),
    /** The application events (scimitar.assignment.kafka.application-topic), compacted. */
    APPLICATIONS("applications");

    private final String column;

    OutboxTopic(String column) {
        this.column = column;
    }

    /** The value of the outbox's {@code topic} column. */
    public String column() {
        return column;
    }

    /** The row's topic from its column value. */
    public static OutboxTopic ofColumn(String value) {
        for (OutboxTopic topic : values()) {
            if (topic.column.equals(value)) {
                return topic;
            }
        }
        throw new IllegalArgumentException("Unknown outbox topic " + value);
    }

    /** The configured Kafka topic name of this role. */
    public String name(KafkaConfig config) {
        return this == ASSIGNMENTS ? config.topic() : config.applicationTopic();
    }
}
