package dev.baton.spi;

import dev.baton.StepContext;

/** Binds the {@link StepContext} of the step running on a thread. For engine implementations only. */
public final class StepContextBinding {
    private static final ThreadLocal<StepContext> CURRENT = new ThreadLocal<>();

    private StepContextBinding() {
    }

    /** @return the bound context, or null */
    public static StepContext get() {
        return CURRENT.get();
    }

    /** @param context the context to bind to this thread, or null to unbind */
    public static void set(StepContext context) {
        if (context == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(context);
        }
    }
}
