package dev.baton;

/**
 * A registered workflow, as the catalog shows it.
 *
 * @param name        its name
 * @param inputType   the input type's name
 * @param description what it does
 * @param className   the class that implements it
 */
public record WorkflowInfo(String name, String inputType, String description, String className) {
}
