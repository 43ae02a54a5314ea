package dev.baton.engine.codec;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Works out the full generic type of a value from the value itself, so that a step returning a
 * {@code List<Order>} is read back on replay as a list of {@code Order}, not of maps, without the
 * workflow having to spell the type out. Records and beans carry their own declared generics;
 * only containers need looking into.
 */
final class TypeInference {
    private final TypeFactory types;

    TypeInference(TypeFactory types) {
        this.types = types;
    }

    JavaType typeOf(Object value) {
        if (value instanceof List<?> list) {
            return types.constructCollectionType(List.class, common(list));
        }
        if (value instanceof Set<?> set) {
            return types.constructCollectionType(Set.class, common(set));
        }
        if (value instanceof Collection<?> collection) {
            return types.constructCollectionType(List.class, common(collection));
        }
        if (value instanceof Map<?, ?> map) {
            return types.constructMapType(Map.class, common(map.keySet()), common(map.values()));
        }
        if (value instanceof Optional<?> optional) {
            JavaType inner = optional.isPresent() ? typeOf(optional.get()) : types.constructType(Object.class);
            return types.constructParametricType(Optional.class, inner);
        }
        return types.constructType(value.getClass());
    }

    /** The one type all elements share; Object when they differ or there are none. */
    private JavaType common(Collection<?> elements) {
        JavaType found = null;
        for (Object element : elements) {
            if (element == null) {
                continue;
            }
            JavaType type = typeOf(element);
            if (found == null) {
                found = type;
            } else if (!found.equals(type)) {
                if (found.getRawClass() == type.getRawClass() && !found.isContainerType()) {
                    continue;
                }
                return types.constructType(Object.class);
            }
        }
        return found == null ? types.constructType(Object.class) : found;
    }
}
