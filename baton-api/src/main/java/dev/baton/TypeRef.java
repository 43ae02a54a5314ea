package dev.baton;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Captures a generic type such as {@code List<Order>} where a {@link Class} cannot, for signal
 * payloads and workflow inputs: {@code new TypeRef<List<Order>>() {}}.
 *
 * @param <T> the captured type
 */
public abstract class TypeRef<T> {
    private final Type type;

    /** Captures the type argument of the anonymous subclass. */
    protected TypeRef() {
        Type superclass = getClass().getGenericSuperclass();
        if (!(superclass instanceof ParameterizedType parameterized)) {
            throw new IllegalArgumentException(
                    "TypeRef must be created with a type argument, e.g. new TypeRef<List<Order>>() {}");
        }
        this.type = parameterized.getActualTypeArguments()[0];
    }

    private TypeRef(Type type) {
        this.type = type;
    }

    /**
     * Wraps a plain class.
     *
     * @param type the class
     * @param <T>  the type
     * @return a TypeRef for {@code type}
     */
    public static <T> TypeRef<T> of(Class<T> type) {
        return new TypeRef<>((Type) type) { };
    }

    /**
     * Wraps any reflective type.
     *
     * @param type the type
     * @return a TypeRef for {@code type}
     */
    public static TypeRef<Object> ofType(Type type) {
        return new TypeRef<>(type) { };
    }

    /** @return the captured type */
    public Type type() {
        return type;
    }

    @Override
    public String toString() {
        return type.getTypeName();
    }
}
