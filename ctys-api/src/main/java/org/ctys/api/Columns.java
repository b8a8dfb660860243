package org.ctys.api;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The columns of a result's record: one per record component, in declaration order, named as the component or by its
 * {@link Column}. Core renders every result through this; plugins need it only to look at their rows as the user
 * will see them.
 *
 * @since 0.2
 */
public final class Columns {

    private Columns() {
    }

    /**
     * Reads a record's columns.
     *
     * @param row a record of a public type whose components are text, numbers, booleans, {@code null} or lists of
     *            these
     * @return its columns in declaration order, column name to value; lists unmodifiable
     * @throws IllegalArgumentException when the record's type is not public or a component holds another kind of
     *                                  value, naming the type and the column
     */
    public static Map<String, Object> of(Record row) {
        Class<?> type = row.getClass();
        if (!Modifier.isPublic(type.getModifiers())) {
            throw new IllegalArgumentException("record type " + type.getName() + " must be public to be printed");
        }
        Map<String, Object> columns = new LinkedHashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            Column named = component.getAnnotation(Column.class);
            String name = named == null ? component.getName() : named.value();
            Object value = valueOf(row, component);
            if (!plain(value, 0)) {
                throw new IllegalArgumentException(type.getName() + " holds " + value.getClass().getName()
                        + " in column '" + name + "'; expected text, numbers, booleans or lists of them");
            }
            if (columns.put(name, value instanceof Collection<?> items ? Collections.unmodifiableList(
                    new ArrayList<>(items)) : value) != null) {
                throw new IllegalArgumentException(type.getName() + " names column '" + name + "' twice");
            }
        }
        return Collections.unmodifiableMap(columns);
    }

    private static Object valueOf(Record row, RecordComponent component) {
        try {
            return component.getAccessor().invoke(row);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("cannot read " + component + " of " + row.getClass().getName(), e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(row.getClass().getName() + "." + component.getName() + "() failed",
                    e.getCause());
        }
    }

    private static boolean plain(Object value, int depth) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return true;
        }
        return depth < 2 && value instanceof Collection<?> items && items.stream().allMatch(v -> plain(v, depth + 1));
    }
}
