package dev.baton;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Tells the determinism linter ({@code baton lint}, {@code DeterminismLinter}) that code it would
 * flag in this method or class is deterministic on purpose, and why. The linter still lists what
 * it suppressed, with the reason, so that a reviewer sees every exception.
 *
 * <p>On a method it covers the method and the lambdas written inside it; on a class, every method
 * of the class. Name the {@link #rules() rules} to keep the others checked.
 *
 * <pre>{@code
 * @SuppressDeterminism(value = "the set is sorted before any step is named", rules = "unordered-iteration")
 * private List<String> regions(Set<String> regions) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.TYPE})
public @interface SuppressDeterminism {

    /** @return why the flagged code does not break replay; must not be blank */
    String value();

    /**
     * @return the rule ids suppressed ({@code wall-clock}, {@code random}, {@code thread},
     * {@code sleep}, {@code blocking-io}, {@code unordered-iteration}); empty for all
     */
    String[] rules() default {};
}
