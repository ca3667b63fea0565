package io.runnel.client.internal.message;

import java.util.Locale;
import java.util.Set;

/**
 * The rules for message property names (Jakarta Messaging 3.1 §3.5.1): a Java identifier that is not one of the
 * selector keywords NULL, TRUE, FALSE, NOT, AND, OR, BETWEEN, LIKE, IN, IS, ESCAPE (in any case), plus the names of
 * the JMSX properties Runnel knows.
 *
 * <p>Stateless and thread-safe.
 */
public final class PropertyNames {

    /** The number of times a message has been delivered, set by the provider on receipt. */
    public static final String JMSX_DELIVERY_COUNT = "JMSXDeliveryCount";
    /** The message group, set by the application (a String). */
    public static final String JMSX_GROUP_ID = "JMSXGroupID";
    /** The sequence number in the group, set by the application (an int). */
    public static final String JMSX_GROUP_SEQ = "JMSXGroupSeq";

    private static final Set<String> RESERVED = Set.of(
            "NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN", "LIKE", "IN", "IS", "ESCAPE");

    private PropertyNames() {
    }

    /**
     * @param name a property name
     * @throws IllegalArgumentException if it is null, empty, not a Java identifier or a reserved word
     */
    public static void check(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("property name is null or empty");
        }
        if (!Character.isJavaIdentifierStart(name.charAt(0))) {
            throw new IllegalArgumentException("property name '" + name + "' does not start like a Java identifier");
        }
        for (int i = 1; i < name.length(); i++) {
            if (!Character.isJavaIdentifierPart(name.charAt(i))) {
                throw new IllegalArgumentException("property name '" + name + "' is not a Java identifier");
            }
        }
        if (RESERVED.contains(name.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("property name '" + name + "' is a reserved selector word");
        }
    }
}
