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
    private final long maxBodyBytes;

    ServerContext(Baton baton) {
        this(baton, BatonServer.DEFAULT_MAX_BODY_BYTES);
    }

    ServerContext(Baton baton, long maxBodyBytes) {
        this.baton = baton;
        this.maxBodyBytes = maxBodyBytes;
        this.json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // Durations (a workflow's deadline, a lock's longest wait) in ISO-8601, e.g. PT5H.
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
    }

    Baton baton() {
        return baton;
    }

    ObjectMapper json() {
        return json;
    }

    /** @return the largest request body the API accepts, in bytes */
    long maxBodyBytes() {
        return maxBodyBytes;
    }
}
