package dev.baton.engine.store;

/**
 * A worker process sharing the store.
 *
 * @param id          the worker id (host/pid/start)
 * @param host        its host name
 * @param pid         its process id
 * @param startedAt   when it started, epoch ms
 * @param heartbeatAt its last heartbeat, epoch ms
 */
public record WorkerRow(String id, String host, long pid, long startedAt, long heartbeatAt) {
}
