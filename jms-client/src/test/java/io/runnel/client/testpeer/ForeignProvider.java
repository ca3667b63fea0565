package io.runnel.client.testpeer;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

import jakarta.jms.Message;

/** Makes messages look like another JMS provider's: only their interface is visible, not Runnel's classes. */
public final class ForeignProvider {

    private ForeignProvider() {
    }

    /**
     * @param type     the JMS message interface to expose
     * @param delegate a real message that does the work
     * @return an object implementing only {@code type}, forwarding every call to {@code delegate}
     */
    @SuppressWarnings("unchecked")
    public static <T extends Message> T wrap(Class<T> type, Message delegate) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}
