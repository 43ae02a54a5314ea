package dev.baton.lint.samples;

import dev.baton.Flow;
import dev.baton.StepOptions;
import dev.baton.Workflow;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Every side effect inside a step; the workflow method itself only decides. */
public final class CleanWorkflow implements Workflow<String, String> {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Override
    public String run(Flow flow, String folder) throws Exception {
        List<String> files = flow.step("list", () -> {
            try (var listing = Files.list(Path.of(folder))) {
                return listing.map(p -> p.getFileName().toString()).sorted().toList();
            }
        });
        Map<String, Long> sizes = new TreeMap<>();
        for (String file : files) {
            sizes.put(file, flow.step("size-" + file, () -> Files.size(Path.of(folder, file))));
        }
        List<String> uploads = flow.forEach("upload", new ArrayList<>(sizes.keySet()), 4,
                StepOptions.defaults(), file -> upload(folder, file));
        String token = flow.step("token", () -> UUID.randomUUID() + "@" + Instant.now());
        flow.step("notify", () -> {
            Thread.sleep(5);
            System.out.println("uploaded " + uploads.size());
        });
        flow.sleep(Duration.ofMinutes(1));
        String stamp = describe(flow.now(), flow.uuid(), flow.random().nextInt(100));
        return flow.async("report", () -> summary(uploads, token, stamp)).await();
    }

    private static String upload(String folder, String file) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:9/" + file))
                .POST(HttpRequest.BodyPublishers.ofFile(Path.of(folder, file))).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private String describe(Instant at, UUID id, int number) {
        return at + "/" + id + "/" + number;
    }

    private static String summary(List<String> uploads, String token, String stamp) {
        return uploads.size() + " " + token + " " + stamp + " " + System.currentTimeMillis();
    }
}
