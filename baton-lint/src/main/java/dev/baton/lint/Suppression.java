package dev.baton.lint;

import org.objectweb.asm.tree.AnnotationNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link dev.baton.SuppressDeterminism} as read from a class file.
 *
 * @param reason why the code is deterministic, as written
 * @param rules  the rules it covers; all when empty
 */
record Suppression(String reason, Set<Rule> rules) {
    static final String DESCRIPTOR = "Ldev/baton/SuppressDeterminism;";

    /** @param rule a rule @return whether this suppression covers it */
    boolean covers(Rule rule) {
        return rules.isEmpty() || rules.contains(rule);
    }

    /**
     * @param where     the annotated class or method, for the error message
     * @param invisible the element's class-file-only annotations, as ASM read them, or null
     * @param visible   the element's run-time annotations, or null
     * @return the suppressions on it: none or one
     * @throws IllegalArgumentException when the annotation names an unknown rule
     */
    static List<Suppression> read(String where, List<AnnotationNode> invisible, List<AnnotationNode> visible) {
        List<Suppression> found = new ArrayList<>();
        for (List<AnnotationNode> annotations : Arrays.asList(invisible, visible)) {
            if (annotations == null) {
                continue;
            }
            for (AnnotationNode annotation : annotations) {
                if (annotation.desc.equals(DESCRIPTOR)) {
                    Suppression suppression = of(where, annotation);
                    if (suppression != null) {
                        found.add(suppression);
                    }
                }
            }
        }
        return found;
    }

    /** @return the suppression, or null when its reason is blank (a suppression must say why) */
    private static Suppression of(String where, AnnotationNode annotation) {
        String reason = "";
        Set<Rule> rules = EnumSet.noneOf(Rule.class);
        List<Object> values = annotation.values == null ? List.of() : annotation.values;
        for (int i = 0; i + 1 < values.size(); i += 2) {
            String name = (String) values.get(i);
            Object value = values.get(i + 1);
            if (name.equals("value")) {
                reason = String.valueOf(value).strip();
            } else if (name.equals("rules") && value instanceof List<?> ids) {
                for (Object id : ids) {
                    try {
                        rules.add(Rule.byId(String.valueOf(id)));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("@SuppressDeterminism on " + where + ": " + e.getMessage(), e);
                    }
                }
            }
        }
        return reason.isEmpty() ? null : new Suppression(reason, rules);
    }
}
