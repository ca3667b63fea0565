package io.runnel.client.internal.jms;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.runnel.client.internal.transport.BrokerErrorException;
import io.runnel.protocol.ErrorCode;
import io.runnel.protocol.frame.Frame;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.TransactionRolledBackException;

/**
 * Turns broker error codes and transport failures into the JMS exceptions the application sees; the table is the
 * one of docs/protocol.md ("Error codes"):
 *
 * <pre>
 *  SECURITY                -> JMSSecurityException          INVALID_DESTINATION -> InvalidDestinationException
 *  INVALID_SELECTOR        -> InvalidSelectorException      INVALID_CLIENT_ID   -> InvalidClientIDException
 *  TRANSACTION_ROLLED_BACK -> TransactionRolledBackException ILLEGAL_STATE      -> IllegalStateException
 *  RESOURCE_ALLOCATION     -> ResourceAllocationException   anything else       -> JMSException
 * </pre>
 * The JMS error code of the exception is the {@link ErrorCode} name; the original failure is the linked exception
 * and the cause.
 *
 * <p>Stateless and thread-safe.
 */
public final class ExceptionSupport {

    private ExceptionSupport() {
    }

    /**
     * @param code    a broker error code
     * @param message the broker's message
     * @return the JMS exception of the table
     */
    public static JMSException fromErrorCode(ErrorCode code, String message) {
        String errorCode = code.name();
        return switch (code) {
            case SECURITY -> new JMSSecurityException(message, errorCode);
            case INVALID_DESTINATION -> new InvalidDestinationException(message, errorCode);
            case INVALID_SELECTOR -> new InvalidSelectorException(message, errorCode);
            case INVALID_CLIENT_ID -> new InvalidClientIDException(message, errorCode);
            case TRANSACTION_ROLLED_BACK -> new TransactionRolledBackException(message, errorCode);
            case ILLEGAL_STATE -> new IllegalStateException(message, errorCode);
            case RESOURCE_ALLOCATION -> new ResourceAllocationException(message, errorCode);
            default -> new JMSException(message, errorCode);
        };
    }

    /**
     * @param failure any failure, possibly wrapped in a {@link CompletionException} or {@link ExecutionException}
     * @return the JMS exception for it ({@code failure} itself if it is one)
     */
    public static JMSException toJms(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof JMSException jms) {
            return jms;
        }
        JMSException result;
        if (cause instanceof BrokerErrorException broker) {
            result = fromErrorCode(broker.code(), broker.getMessage());
        } else if (cause instanceof TimeoutException) {
            result = new JMSException("no answer from the broker in time");
        } else {
            result = new JMSException(String.valueOf(cause.getMessage()));
        }
        return link(result, cause);
    }

    /**
     * @param message what went wrong
     * @param cause   the underlying failure
     * @return a JMSException with the cause linked
     */
    public static JMSException create(String message, Throwable cause) {
        return link(new JMSException(message), cause);
    }

    /**
     * Waits for a request's answer.
     *
     * @param answer        the answer future of a request
     * @param timeoutMillis how long to wait
     * @return the answer frame
     * @throws JMSException the mapped failure, or a JMSException on timeout or interrupt
     */
    public static Frame await(CompletableFuture<Frame> answer, long timeoutMillis) throws JMSException {
        try {
            return answer.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw toJms(e.getCause());
        } catch (TimeoutException e) {
            throw create("no answer from the broker within " + timeoutMillis + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw create("interrupted while waiting for the broker", e);
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static <T extends JMSException> T link(T exception, Throwable cause) {
        if (cause instanceof Exception e) {
            exception.setLinkedException(e);
        }
        exception.initCause(cause);
        return exception;
    }
}
