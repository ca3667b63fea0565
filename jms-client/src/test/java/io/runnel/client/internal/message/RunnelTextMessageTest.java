package io.runnel.client.internal.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;

class RunnelTextMessageTest {

    @Test
    void shouldRoundTripUnicodeText() throws Exception {
        RunnelTextMessage received = WireRoundTrip.receive(new RunnelTextMessage("grüße 👋"), 1, null);
        assertThat(received.getText()).isEqualTo("grüße 👋");
    }

    @Test
    void shouldRoundTripANullText() throws Exception {
        RunnelTextMessage received = WireRoundTrip.receive(new RunnelTextMessage(), 1, null);
        assertThat(received.getText()).isNull();
        assertThat(received.getBody(Integer.class)).isNull();
    }

    @Test
    void shouldMakeTheBodyReadOnlyOnReceiptUntilCleared() throws Exception {
        RunnelTextMessage received = WireRoundTrip.receive(new RunnelTextMessage("a"), 1, null);
        assertThatThrownBy(() -> received.setText("b")).isInstanceOf(MessageNotWriteableException.class);
        received.clearBody();
        assertThat(received.getText()).isNull();
        received.setText("b");
        assertThat(received.getText()).isEqualTo("b");
    }

    @Test
    void shouldReturnTheTextAsBodyOnlyForAssignableTypes() throws Exception {
        RunnelTextMessage message = new RunnelTextMessage("hello");
        assertThat(message.getBody(String.class)).isEqualTo("hello");
        assertThat(message.getBody(CharSequence.class)).isEqualTo("hello");
        assertThat(message.isBodyAssignableTo(String.class)).isTrue();
        assertThat(message.isBodyAssignableTo(Integer.class)).isFalse();
        assertThatThrownBy(() -> message.getBody(Integer.class)).isInstanceOf(MessageFormatException.class);
    }
}
