package dev.baton.server.ui;

import dev.baton.LockSpec;
import dev.baton.Trigger;

/** Declarations said in words, the same way on every page. */
final class Words {
    private Words() {
    }

    /** @param trigger a trigger @return e.g. {@code after NightlyLoad succeeds} */
    static String trigger(Trigger trigger) {
        String upstream = String.join(", ", trigger.upstream());
        if (trigger.fanIn()) {
            return "after all of " + upstream + " succeed for the same logical time";
        }
        return "after " + upstream + switch (trigger.when()) {
            case SUCCESS -> " succeeds";
            case FAILURE -> " fails or is cancelled";
            case COMPLETION -> " ends (any outcome)";
        };
    }

    /** @param trigger a trigger @return a short edge label, e.g. {@code on success} */
    static String edge(Trigger trigger) {
        if (trigger.fanIn()) {
            return "all succeed";
        }
        return switch (trigger.when()) {
            case SUCCESS -> "on success";
            case FAILURE -> "on failure";
            case COMPLETION -> "on end";
        };
    }

    /** @param lock a lock or pool @return e.g. {@code lock heavy} or {@code pool gpu (4 slots)} */
    static String lock(LockSpec lock) {
        String kind = lock.slots() == 1 ? "lock " + lock.name() : "pool " + lock.name() + " (" + lock.slots() + " slots)";
        return switch (lock.policy()) {
            case WAIT -> kind + (lock.maxWait() == null ? "" : ", waits at most " + Formats.duration(lock.maxWait()));
            default -> kind + ", " + lock.policy().name().toLowerCase(java.util.Locale.ROOT) + " when taken";
        };
    }
}
