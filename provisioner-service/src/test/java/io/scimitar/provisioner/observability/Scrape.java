package io.scimitar.provisioner.observability;

import java.util.Arrays;

import static io.restassured.RestAssured.given;

/** One read of {@code /q/metrics} in Prometheus' text format. */
record Scrape(String text) {

    static Scrape now() {
        return new Scrape(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    /** The value of the series {@code name} whose labels include every {@code label="value"} given; null if none. */
    Double value(String name, String... labels) {
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            String series = line.substring(0, line.lastIndexOf(' '));
            if (Arrays.stream(labels).allMatch(label -> series.contains(label))) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return null;
    }

    /** As {@link #value}, 0 when the series does not exist (a counter not yet counted). */
    double count(String name, String... labels) {
        Double value = value(name, labels);
        return value == null ? 0 : value;
    }
}
