package dev.baton.test;

import dev.baton.BatonBuilder;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * JUnit 5 extension giving each test method a fresh {@link BatonTestKit}: the real engine on a
 * throw-away store, in virtual time. Register it with the application's configuration and take
 * the kit as a parameter:
 *
 * <pre>{@code
 * class NightlyTest {
 *     @RegisterExtension
 *     static BatonExtension baton = BatonExtension.configure(b -> b.workflows(new StoryCatalog()));
 *
 *     @Test
 *     void publishesAfterTheLoad(BatonTestKit kit) { ... }
 * }
 * }</pre>
 */
public final class BatonExtension implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BatonExtension.class);

    private final Consumer<BatonBuilder> configure;
    private Instant start = BatonTestKit.DEFAULT_START;

    private BatonExtension(Consumer<BatonBuilder> configure) {
        this.configure = Objects.requireNonNull(configure, "configure");
    }

    /** @param configure configures each test's engine: workflows, schedules, triggers, locks @return the extension */
    public static BatonExtension configure(Consumer<BatonBuilder> configure) {
        return new BatonExtension(configure);
    }

    /** @param value where each test's virtual time begins @return this */
    public BatonExtension startingAt(Instant value) {
        this.start = Objects.requireNonNull(value, "start");
        return this;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == BatonTestKit.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(BatonTestKit.class,
                key -> BatonTestKit.builder().configure(configure).startAt(start).start(), BatonTestKit.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        BatonTestKit kit = context.getStore(NAMESPACE).remove(BatonTestKit.class, BatonTestKit.class);
        if (kit != null) {
            kit.close();
        }
    }
}
