package dev.baton.engine.work;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who this engine is among the workers sharing a store: {@code host/pid/start}, with a
 * {@code ~n} suffix for the second and later engines of one process. Besides naming
 * the lease holder, the form lets a worker tell that another worker on the same host has died
 * (its process is gone, or its pid now belongs to a younger process), so that the dead worker's
 * runs are resumed at once instead of after its lease expires.
 *
 * @param id    the full id
 * @param host  the host name
 * @param pid   the process id
 * @param start the process's start, epoch ms
 */
public record WorkerIdentity(String id, String host, long pid, long start) {

    /** Engines created in this process so far; the second and later get a suffix, so ids stay unique. */
    private static final AtomicInteger ENGINES = new AtomicInteger();

    /** @return a new identity for an engine of this process */
    public static WorkerIdentity current() {
        ProcessHandle self = ProcessHandle.current();
        long start = self.info().startInstant().map(Instant::toEpochMilli).orElse(System.currentTimeMillis());
        String host = hostName();
        int engine = ENGINES.incrementAndGet();
        String id = host + "/" + self.pid() + "/" + start + (engine == 1 ? "" : "~" + engine);
        return new WorkerIdentity(id, host, self.pid(), start);
    }

    /**
     * @param id a worker id chosen by configuration
     * @return an identity with this process's host, pid and start behind the given id
     */
    public static WorkerIdentity named(String id) {
        WorkerIdentity current = current();
        return new WorkerIdentity(id, current.host, current.pid, current.start);
    }

    /**
     * @param owner a worker id found in the store
     * @return true when it names a process on this host that no longer runs; false when it runs,
     * lives on another host, or the id is not of the {@code host/pid/start} form
     */
    public boolean isDeadLocalWorker(String owner) {
        Optional<WorkerIdentity> other = parse(owner);
        if (other.isEmpty() || !other.get().host.equals(host) || owner.equals(id)) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(other.get().pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        // The pid was reused by a process that started later than the worker did.
        long started = process.get().info().startInstant().map(Instant::toEpochMilli).orElse(other.get().start);
        return Math.abs(started - other.get().start) > 2_000;
    }

    private static Optional<WorkerIdentity> parse(String owner) {
        if (owner == null) {
            return Optional.empty();
        }
        String[] parts = owner.split("/");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            String start = parts[2].contains("~") ? parts[2].substring(0, parts[2].indexOf('~')) : parts[2];
            return Optional.of(new WorkerIdentity(owner, parts[0], Long.parseLong(parts[1]), Long.parseLong(start)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.replace('/', '_');
        }
        try {
            return InetAddress.getLocalHost().getHostName().replace('/', '_');
        } catch (Exception e) {
            return "localhost";
        }
    }
}
