package dev.baton.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.baton.Baton;

/** What the API and the UI routes share: the engine and the JSON mapper. */
final class ServerContext {
    private final Baton baton;
    private final ObjectMapper json;

    ServerContext(Baton baton) {
        this.baton = baton;
        this.json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    Baton baton() {
        return baton;
    }

    ObjectMapper json() {
        return json;
    }
}
