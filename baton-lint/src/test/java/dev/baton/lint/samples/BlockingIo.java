package dev.baton.lint.samples;

import dev.baton.Flow;
import dev.baton.Workflow;

import java.io.FileInputStream;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

/** Does file, network, database and process I/O in the workflow method. */
public final class BlockingIo implements Workflow<String, String> {
    @Override
    public String run(Flow flow, String input) throws Exception {
        Path file = Path.of(input).resolve("data.txt");
        String text = Files.readString(file); // expect: blocking-io
        try (InputStream in = new FileInputStream(file.toFile())) { // expect: blocking-io
            text += in.available(); // expect: blocking-io
        }
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:1/")).build();
        String body = client.send(request, HttpResponse.BodyHandlers.ofString()).body(); // expect: blocking-io
        try (Connection db = DriverManager.getConnection("jdbc:sqlite::memory:")) { // expect: blocking-io
            text += db.isValid(1); // expect: blocking-io
        }
        Process process = new ProcessBuilder("true").start(); // expect: blocking-io
        int exit = process.waitFor(); // expect: blocking-io
        StringWriter memory = new StringWriter();
        memory.write(text);
        String inStep = flow.step("read", () -> Files.readString(file) + client.send(request,
                HttpResponse.BodyHandlers.ofString()).body());
        return memory + body + exit + inStep;
    }
}
