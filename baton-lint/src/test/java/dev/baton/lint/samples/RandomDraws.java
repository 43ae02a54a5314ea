package dev.baton.lint.samples;

import dev.baton.Flow;
import dev.baton.Workflow;

import java.security.SecureRandom;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Draws random numbers and ids in the workflow method. */
public final class RandomDraws implements Workflow<Long, String> {
    @Override
    public String run(Flow flow, Long seed) {
        double a = Math.random(); // expect: random
        int b = new Random().nextInt(10); // expect: random
        int c = ThreadLocalRandom.current().nextInt(); // expect: random
        UUID id = UUID.randomUUID(); // expect: random
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key); // expect: random
        int seeded = new Random(seed).nextInt(10);
        int durable = flow.random().nextInt(10);
        UUID recorded = flow.uuid();
        String inStep = flow.step("token", () -> UUID.randomUUID().toString());
        return a + " " + b + c + id + key.length + seeded + durable + recorded + inStep;
    }
}
