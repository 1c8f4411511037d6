package io.scimitar.provisioner.consumer;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.util.OptionalLong;

/**
 * A job's lag as its committed position sees it, without asking the broker: right after a poll, the consumer's
 * position is past the records just fetched and not yet committed, so the end offset minus the committed position is
 * the consumer's own lag (end offset minus position, which it keeps from its fetches) plus those records.
 */
final class CommittedLag {

    private CommittedLag() {
    }

    /** The lag over the consumer's partitions, or -1 while any of them is not known yet. */
    static long after(KafkaConsumer<?, ?> consumer, ConsumerRecords<?, ?> polled) {
        if (consumer.assignment().isEmpty()) {
            return -1;
        }
        long total = polled.count();
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong lag = consumer.currentLag(partition);
            if (lag.isEmpty()) {
                return -1;
            }
            total += lag.getAsLong();
        }
        return total;
    }
}
