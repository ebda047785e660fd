package dev.storefront.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the demo catalog through the public admin API, as an operator would, so the demo exercises the same paths as
 * production. Already present entries (409) are fine: the stack can be restarted on the same database.
 */
final class DemoData {

    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

    static final List<String[]> CATEGORIES = List.of(
            new String[] {"kitchen", "Kitchen"},
            new String[] {"garden", "Garden"},
            new String[] {"books", "Books"},
            new String[] {"toys", "Toys"},
            new String[] {"outdoor", "Outdoor"},
            new String[] {"electronics", "Electronics"});

    private DemoData() {}

    static void load(URI catalog, String adminToken) throws IOException, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        int created = 0;
        for (String[] category : CATEGORIES) {
            HttpRequest request = HttpRequest.newBuilder(catalog.resolve("/api/v1/categories"))
                    .header("Authorization", "Bearer " + adminToken)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"slug\":\"" + category[0] + "\",\"name\":\"" + category[1] + "\"}"))
                    .build();
            int status =
                    http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 201) {
                created++;
            } else if (status != 409) {
                throw new IllegalStateException("loading category " + category[0] + " answered " + status);
            }
        }
        LOG.info(
                "Demo catalog loaded: {} categories created, {} already present", created, CATEGORIES.size() - created);
    }
}
