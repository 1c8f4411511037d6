package io.scimitar.deploy.kafka;

import io.scimitar.deploy.process.Ports;
import io.scimitar.deploy.process.RestartPolicy;
import io.scimitar.deploy.process.Supervisor;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KafkaServerProcessTest {

    @TempDir
    Path data;

    @Test
    void keepsRecordsAcrossAStopAndAKill() throws Exception {
        try (KafkaServerProcess broker = KafkaServerProcess.onFreePorts(data)) {
            broker.start();
            assertThat(broker.isRunning()).isTrue();
            send(broker, "before-stop");

            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            assertThat(Ports.isListening(broker.port())).isFalse();

            broker.start();
            send(broker, "after-restart");
            broker.kill();
            assertThat(Ports.isListening(broker.port())).isFalse();

            broker.start();
            assertThat(readAll(broker, 2)).containsExactly("before-stop", "after-restart");
        }
    }

    @Test
    void isRestartedBySupervisorAfterASigkill() throws Exception {
        List<String> console = new CopyOnWriteArrayList<>();
        try (KafkaServerProcess broker = KafkaServerProcess.onFreePorts(data);
             Supervisor supervisor = new Supervisor(new RestartPolicy(Duration.ofMillis(200), Duration.ofSeconds(2), 5,
                     Duration.ofMinutes(1)), (component, message) -> console.add(component + ": " + message), () -> { })) {
            broker.start();
            send(broker, "before-the-crash");
            long first = broker.pid();
            supervisor.watch(broker);

            ProcessHandle.of(first).orElseThrow().destroyForcibly();

            await().atMost(Duration.ofSeconds(90)).until(() -> console.contains("Kafka: restarted"));
            assertThat(broker.pid()).isNotEqualTo(first);
            assertThat(console).anySatisfy(line -> assertThat(line).startsWith("Kafka: exited with exit code 137")
                    .contains(broker.logFile().toString()));
            send(broker, "after-the-restart");
            assertThat(readAll(broker, 2)).containsExactly("before-the-crash", "after-the-restart");
            supervisor.hold(broker);
        }
    }

    private static void send(KafkaServerProcess broker, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("probe", "key", value)).get();
        }
    }

    private static List<String> readAll(KafkaServerProcess broker, int expected) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "probe-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("probe"));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }
}
