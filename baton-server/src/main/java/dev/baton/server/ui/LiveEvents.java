package dev.baton.server.ui;

import dev.baton.RunEvent;
import dev.baton.RunListener;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Relays the progress events of runs executing in this process to the server's live event
 * stream, so that pages change as soon as a step ends here rather than at the next poll of the
 * store. Optional: without it the stream still sees every change, in every process, by polling
 * the store.
 *
 * <pre>{@code
 * LiveEvents live = new LiveEvents();
 * Baton baton = Baton.builder().listener(live).workflow(...).build();
 * BatonServer server = BatonServer.start(baton, "127.0.0.1", 8080, live);
 * }</pre>
 */
public final class LiveEvents implements RunListener {
    private final List<Consumer<RunEvent>> subscribers = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(RunEvent event) {
        for (Consumer<RunEvent> subscriber : subscribers) {
            subscriber.accept(event);
        }
    }

    /** @param subscriber receives each event on the run's thread; must not block */
    void subscribe(Consumer<RunEvent> subscriber) {
        subscribers.add(subscriber);
    }

    /** @param subscriber stops receiving events */
    void unsubscribe(Consumer<RunEvent> subscriber) {
        subscribers.remove(subscriber);
    }
}
