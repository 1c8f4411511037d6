package io.scimitar.containertests;

import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.awaitility.Awaitility.await;

/** Waits until a container on the host network answers 200 on {@code /q/health/ready} at 127.0.0.1:port. */
final class ReadyOnHostPort extends AbstractWaitStrategy {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final int port;

    ReadyOnHostPort(int port) {
        this.port = port;
    }

    @Override
    protected void waitUntilReady() {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        await().atMost(startupTimeout).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            if (!waitStrategyTarget.isRunning()) {
                throw new ContainerLaunchException("The container stopped before it was ready");
            }
            return HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        });
    }
}
