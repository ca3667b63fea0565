package io.runnel.client.internal.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.runnel.client.RunnelQueue;
import io.runnel.client.testpeer.ForeignProvider;
import jakarta.jms.BytesMessage;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;

class ForeignMessagesTest {

    @Test
    void shouldCopyTextPropertiesAndHeadersOfAForeignMessage() throws Exception {
        RunnelTextMessage source = new RunnelTextMessage("hello");
        source.setStringProperty("color", "red");
        source.setJMSCorrelationID("c-1");
        source.setJMSType("greeting");
        source.setJMSReplyTo(new RunnelQueue("replies"));
        TextMessage foreign = ForeignProvider.wrap(TextMessage.class, source);

        RunnelMessage copy = ForeignMessages.copy(foreign);

        assertThat(copy).isInstanceOf(RunnelTextMessage.class);
        assertThat(((TextMessage) copy).getText()).isEqualTo("hello");
        assertThat(copy.getStringProperty("color")).isEqualTo("red");
        assertThat(copy.getJMSCorrelationID()).isEqualTo("c-1");
        assertThat(copy.getJMSType()).isEqualTo("greeting");
        assertThat(copy.getJMSReplyTo()).isEqualTo(new RunnelQueue("replies"));
    }

    @Test
    void shouldCopyTheWholeBodyOfAForeignBytesMessage() throws Exception {
        RunnelBytesMessage source = new RunnelBytesMessage();
        byte[] body = new byte[10_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        source.writeBytes(body);

        RunnelMessage copy = ForeignMessages.copy(ForeignProvider.wrap(BytesMessage.class, source));

        assertThat(copy.getBody(byte[].class)).isEqualTo(body);
    }

    @Test
    void shouldCopyMapAndStreamBodies() throws Exception {
        RunnelMapMessage map = new RunnelMapMessage();
        map.setInt("a", 1);
        map.setBytes("b", new byte[] {2});
        RunnelStreamMessage stream = new RunnelStreamMessage();
        stream.writeString("x");
        stream.writeChar('y');

        RunnelMapMessage mapCopy = (RunnelMapMessage) ForeignMessages.copy(ForeignProvider.wrap(MapMessage.class, map));
        RunnelStreamMessage streamCopy = (RunnelStreamMessage) ForeignMessages.copy(
                ForeignProvider.wrap(StreamMessage.class, stream));

        assertThat(mapCopy.getInt("a")).isEqualTo(1);
        assertThat(mapCopy.getBytes("b")).containsExactly(2);
        streamCopy.reset();
        assertThat(streamCopy.readString()).isEqualTo("x");
        assertThat(streamCopy.readChar()).isEqualTo('y');
    }
}
