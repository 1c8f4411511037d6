package io.scimitar.deploy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** The entry point of {@code ./scimitar}: {@code run} starts the local stack, {@code stop} stops a running one. */
public final class LocalStackCommand {

    private LocalStackCommand() {
    }

    public static void main(String[] args) {
        List<String> arguments = Arrays.asList(args);
        String command = arguments.isEmpty() ? "run" : arguments.get(0);
        Path root = Path.of(System.getProperty("scimitar.root", ".")).toAbsolutePath().normalize();
        try {
            StackSettings settings = StackSettings.parse(root, arguments.isEmpty() ? List.of()
                    : arguments.subList(1, arguments.size()));
            switch (command) {
                case "run" -> run(settings);
                case "stop" -> {
                    int stopped = LocalStack.stopRunning(settings);
                    System.out.println(stopped == 0 ? "Nothing was running." : "Stopped the local stack.");
                }
                case "help", "--help", "-h" -> usage();
                default -> {
                    System.err.println("Unknown command '" + command + "'.");
                    usage();
                    System.exit(2);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            usage();
            System.exit(2);
        } catch (RuntimeException e) {
            System.err.println("scimitar: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(StackSettings settings) {
        DemoOptions demo = DemoOptions.parse(settings.unparsed());
        long started = System.nanoTime();
        LocalStack stack = new LocalStack(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println();
            System.out.println("Stopping the local stack...");
            stack.close();
            System.out.println("Stopped.");
            stopped.countDown();
        }, "local-stack-stop"));
        stack.start((component, message) -> System.out.printf("  %-22s %s%n", component, message));
        System.out.printf("%nScimitar is up in %.1f s (data in %s):%n", (System.nanoTime() - started) / 1e9,
                settings.home());
        for (LocalStack.Endpoint endpoint : stack.endpoints()) {
            System.out.printf("  %-22s %s%n", endpoint.name(), endpoint.address());
            if (endpoint.log() != null) {
                System.out.printf("  %-22s log: %s%n", "", endpoint.log());
            }
        }
        System.out.printf("%n  %-22s in %s (send it as X-API-Key, e.g. curl -H \"X-API-Key: $(cat %s)\" %s)%n",
                "admin API key", settings.apiKeyFile(), settings.apiKeyFile(),
                "http://127.0.0.1:" + settings.provisionerPort() + "/api/v1/jobs");
        System.out.printf("  %-22s in %s (sees everything, changes nothing)%n", "reader API key",
                settings.readerKeyFile());
        System.out.printf("  %-22s http://127.0.0.1:%d/console/ (sign in with one of the two keys)%n", "web console",
                settings.provisionerPort());
        System.out.println();
        if (demo.load()) {
            DemoRun.run(stack, settings, demo);
        }
        if (demo.exitWhenDone()) {
            System.exit(0);
        }
        System.out.println("Press Ctrl-C (or run './scimitar stop') to stop everything.");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void usage() {
        System.err.println("""
                Usage: ./scimitar run [options]   start Kafka, PostgreSQL, the Miro mock and both services
                       ./scimitar stop [--home DIR]  stop a running stack
                """ + StackSettings.USAGE);
    }
}
