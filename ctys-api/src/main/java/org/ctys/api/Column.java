package org.ctys.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the column of a record component whose Java name cannot be the column's, such as {@code switch}, a Java
 * keyword: {@code record Row(@Column("switch") String mgmt, String sock)} prints the columns {@code switch} and
 * {@code sock}.
 *
 * @since 0.2
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Column {

    /**
     * The column's name, as the output's header, its {@code -X} order and its JSON key show it.
     *
     * @return the column's name
     */
    String value();
}
