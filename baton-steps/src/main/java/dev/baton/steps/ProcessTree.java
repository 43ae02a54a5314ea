package dev.baton.steps;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Terminates a process and all of its descendants: TERM to every one, then KILL to those still
 * alive after a grace period.
 *
 * <p>The tree is captured before any signal is sent, because a descendant whose parent dies is
 * re-parented and no longer found below the root; it is captured again before KILL, to catch
 * processes started during the grace period.
 */
final class ProcessTree {
    /** How long to wait for processes to disappear after KILL, which cannot be ignored. */
    static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private ProcessTree() {
    }

    /**
     * What a termination did.
     *
     * @param processes  how many processes the tree had
     * @param killed     how many were still alive after the grace period and got KILL
     * @param survivors  pids still alive after KILL (none, unless the system refused)
     */
    record Outcome(int processes, int killed, List<Long> survivors) {
    }

    /**
     * Terminates the tree under {@code root}, root included. Waits through interrupts (the usual
     * reason to terminate is that the step's thread was interrupted) and restores the interrupt
     * status afterwards.
     *
     * @param root  the process
     * @param grace how long the processes have between TERM and KILL
     * @return what happened
     */
    static Outcome terminate(ProcessHandle root, Duration grace) {
        boolean interrupted = Thread.interrupted();
        try {
            Map<Long, ProcessHandle> tree = capture(root, new LinkedHashMap<>());
            int processes = tree.size();
            // Descendants first, so a parent reacting to TERM finds its children already told.
            List<ProcessHandle> order = new ArrayList<>(tree.values());
            java.util.Collections.reverse(order);
            order.forEach(ProcessTree::term);
            interrupted |= awaitExit(tree.values(), grace);

            List<ProcessHandle> alive = new ArrayList<>();
            for (ProcessHandle handle : List.copyOf(tree.values())) {
                if (handle.isAlive()) {
                    capture(handle, tree);
                }
            }
            for (ProcessHandle handle : tree.values()) {
                if (handle.isAlive()) {
                    alive.add(handle);
                }
            }
            alive.forEach(ProcessHandle::destroyForcibly);
            interrupted |= awaitExit(alive, KILL_WAIT);
            List<Long> survivors = alive.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList();
            return new Outcome(Math.max(processes, tree.size()), alive.size(), survivors);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Adds {@code handle} and its live descendants to {@code tree}. */
    private static Map<Long, ProcessHandle> capture(ProcessHandle handle, Map<Long, ProcessHandle> tree) {
        tree.putIfAbsent(handle.pid(), handle);
        handle.descendants().forEach(d -> tree.putIfAbsent(d.pid(), d));
        return tree;
    }

    private static void term(ProcessHandle handle) {
        if (handle.isAlive()) {
            handle.destroy();
        }
    }

    /** @return whether the thread was interrupted while waiting (the wait goes on regardless) */
    private static boolean awaitExit(Iterable<ProcessHandle> handles, Duration timeout) {
        List<CompletableFuture<ProcessHandle>> exits = new ArrayList<>();
        for (ProcessHandle handle : handles) {
            if (handle.isAlive()) {
                exits.add(handle.onExit());
            }
        }
        if (exits.isEmpty()) {
            return false;
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new));
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean interrupted = false;
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return interrupted;
            }
            try {
                all.get(left, TimeUnit.NANOSECONDS);
                return interrupted;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (TimeoutException | ExecutionException e) {
                return interrupted;
            }
        }
    }
}
