package io.runnel.client.internal.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.runnel.client.internal.transport.BrokerErrorException;
import io.runnel.client.internal.transport.TransportException;
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

class ExceptionSupportTest {

    @Test
    void shouldMapEveryErrorCodeAsTheProtocolTableSays() {
        Map<ErrorCode, Class<? extends JMSException>> table = Map.ofEntries(
                Map.entry(ErrorCode.PROTOCOL_ERROR, JMSException.class),
                Map.entry(ErrorCode.UNSUPPORTED_VERSION, JMSException.class),
                Map.entry(ErrorCode.SECURITY, JMSSecurityException.class),
                Map.entry(ErrorCode.INVALID_DESTINATION, InvalidDestinationException.class),
                Map.entry(ErrorCode.INVALID_SELECTOR, InvalidSelectorException.class),
                Map.entry(ErrorCode.INVALID_CLIENT_ID, InvalidClientIDException.class),
                Map.entry(ErrorCode.TRANSACTION_ROLLED_BACK, TransactionRolledBackException.class),
                Map.entry(ErrorCode.ILLEGAL_STATE, IllegalStateException.class),
                Map.entry(ErrorCode.RESOURCE_ALLOCATION, ResourceAllocationException.class),
                Map.entry(ErrorCode.INTERNAL_ERROR, JMSException.class),
                Map.entry(ErrorCode.FRAME_TOO_LARGE, JMSException.class),
                Map.entry(ErrorCode.UNKNOWN_FRAME, JMSException.class),
                Map.entry(ErrorCode.NOT_SUPPORTED, JMSException.class));
        assertThat(table).hasSize(ErrorCode.values().length);
        table.forEach((code, type) -> {
            JMSException e = ExceptionSupport.fromErrorCode(code, "because");
            assertThat(e).as(code.name()).hasSameClassAs(newInstanceOf(type)).hasMessage("because");
            assertThat(e.getErrorCode()).isEqualTo(code.name());
        });
    }

    private static JMSException newInstanceOf(Class<? extends JMSException> type) {
        try {
            return type.getConstructor(String.class).newInstance("x");
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void shouldUnwrapCompletionExceptionsAndLinkTheCause() {
        BrokerErrorException broker = new BrokerErrorException(ErrorCode.INVALID_DESTINATION, "no such queue");
        JMSException e = ExceptionSupport.toJms(new CompletionException(broker));
        assertThat(e).isInstanceOf(InvalidDestinationException.class).hasMessage("no such queue");
        assertThat(e.getLinkedException()).isSameAs(broker);
        assertThat(e.getCause()).isSameAs(broker);
    }

    @Test
    void shouldTurnTransportFailuresIntoJmsExceptions() {
        JMSException e = ExceptionSupport.toJms(new TransportException("connection closed"));
        assertThat(e).hasSameClassAs(new JMSException("x")).hasMessage("connection closed");
    }

    @Test
    void shouldFailAWaitThatTimesOut() {
        CompletableFuture<Frame> never = new CompletableFuture<>();
        assertThatThrownBy(() -> ExceptionSupport.await(never, 10)).isInstanceOf(JMSException.class)
                .hasMessageContaining("within 10 ms");
    }
}
