package dev.baton.lint.samples;

import dev.baton.Flow;
import dev.baton.Workflow;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Starts threads and hands work to executors from the workflow method. */
public final class Threads implements Workflow<List<Integer>, Integer> {
    @Override
    public Integer run(Flow flow, List<Integer> items) throws Exception {
        Thread thread = new Thread(() -> { }); // expect: thread
        thread.start(); // expect: thread
        ExecutorService pool = Executors.newFixedThreadPool(2); // expect: thread
        Future<Integer> sum = pool.submit(() -> 1 + 1); // expect: thread
        CompletableFuture<Integer> later = CompletableFuture.supplyAsync(() -> 2); // expect: thread
        int parallel = items.parallelStream().mapToInt(i -> i).sum(); // expect: thread
        int durable = flow.forEach("double", items, i -> i * 2).size();
        int async = flow.async("side", () -> CompletableFuture.supplyAsync(() -> 3).get()).await();
        return sum.get() + later.get() + parallel + durable + async;
    }
}
