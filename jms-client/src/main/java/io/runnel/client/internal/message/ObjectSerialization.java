package io.runnel.client.internal.message;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;

/**
 * Java serialization of ObjectMessage bodies, with an allow-list on deserialization so that a message cannot make
 * the receiver instantiate arbitrary classes.
 *
 * <p>A class may be deserialized if its package (for an array, its element class's package) is on the allow-list,
 * or is a subpackage of one: {@code java.lang}, {@code java.util}, {@code java.time}, plus the comma-separated
 * packages of the system property {@value #ALLOW_LIST_PROPERTY} (read at each deserialization; {@code *} allows
 * everything). Primitive types are always allowed. Classes are loaded with the thread's context class loader
 * first, so that application classes are found in containers.
 *
 * <p>Stateless and thread-safe.
 */
public final class ObjectSerialization {

    /** The system property that extends the allow-list with comma-separated packages. */
    public static final String ALLOW_LIST_PROPERTY = "runnel.serialization.allowList";

    private static final List<String> DEFAULT_ALLOWED = List.of("java.lang", "java.util", "java.time");

    private ObjectSerialization() {
    }

    /**
     * @param object an object, or null
     * @return its serialized form, or null
     * @throws MessageFormatException if it cannot be serialized
     */
    public static byte[] serialize(Serializable object) throws MessageFormatException {
        if (object == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        } catch (IOException e) {
            throw formatFailure("cannot serialize the object of class " + object.getClass().getName() + ": "
                    + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    /**
     * @param bytes a serialized object, or null
     * @return the object, or null
     * @throws MessageFormatException if it does not deserialize, naming a class the allow-list rejected
     */
    public static Serializable deserialize(byte[] bytes) throws MessageFormatException {
        if (bytes == null) {
            return null;
        }
        AllowListFilter filter = new AllowListFilter(allowedPackages());
        try (ObjectInputStream in = new ContextClassLoaderObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(filter);
            Object object = in.readObject();
            if (!(object instanceof Serializable serializable)) {
                throw new MessageFormatException("the message body is not a Serializable");
            }
            return serializable;
        } catch (InvalidClassException e) {
            if (filter.rejected != null) {
                throw formatFailure("class " + filter.rejected + " is not allowed to be deserialized; add its "
                        + "package to the system property " + ALLOW_LIST_PROPERTY, e);
            }
            throw formatFailure("cannot deserialize the message body: " + e.getMessage(), e);
        } catch (IOException | ClassNotFoundException e) {
            throw formatFailure("cannot deserialize the message body: " + e, e);
        }
    }

    static List<String> allowedPackages() {
        List<String> allowed = new ArrayList<>(DEFAULT_ALLOWED);
        String extra = System.getProperty(ALLOW_LIST_PROPERTY);
        if (extra != null) {
            for (String entry : extra.split(",")) {
                String trimmed = entry.trim();
                if (trimmed.endsWith(".*")) {
                    trimmed = trimmed.substring(0, trimmed.length() - 2);
                }
                if (!trimmed.isEmpty()) {
                    allowed.add(trimmed);
                }
            }
        }
        return allowed;
    }

    private static MessageFormatException formatFailure(String message, Exception cause) {
        MessageFormatException e = new MessageFormatException(message);
        e.setLinkedException(cause);
        e.initCause(cause);
        return e;
    }

    /** Accepts classes of allowed packages; remembers the first class it rejects. Used by one stream. */
    private static final class AllowListFilter implements ObjectInputFilter {

        private final List<String> allowed;
        private String rejected;

        AllowListFilter(List<String> allowed) {
            this.allowed = allowed;
        }

        @Override
        public Status checkInput(FilterInfo info) {
            Class<?> type = info.serialClass();
            if (type == null) {
                return Status.UNDECIDED;
            }
            Class<?> element = type;
            while (element.isArray()) {
                element = element.getComponentType();
            }
            if (element.isPrimitive() || isAllowed(element.getPackageName())) {
                return Status.ALLOWED;
            }
            if (rejected == null) {
                rejected = type.getName();
            }
            return Status.REJECTED;
        }

        private boolean isAllowed(String packageName) {
            for (String prefix : allowed) {
                if (prefix.equals("*") || packageName.equals(prefix) || packageName.startsWith(prefix + ".")) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Resolves classes with the thread's context class loader, falling back to the default resolution. */
    private static final class ContextClassLoaderObjectInputStream extends ObjectInputStream {

        ContextClassLoaderObjectInputStream(ByteArrayInputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader != null) {
                try {
                    return Class.forName(desc.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    // fall back to the default resolution below
                }
            }
            return super.resolveClass(desc);
        }
    }
}
