package io.runnel.client.internal.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;

class RunnelStreamMessageTest {

    @Test
    void shouldRoundTripValuesInOrder() throws Exception {
        RunnelStreamMessage sent = new RunnelStreamMessage();
        sent.writeBoolean(true);
        sent.writeByte((byte) 1);
        sent.writeShort((short) 2);
        sent.writeChar('c');
        sent.writeInt(3);
        sent.writeLong(4L);
        sent.writeFloat(5.5f);
        sent.writeDouble(6.5d);
        sent.writeString("seven");
        sent.writeBytes(new byte[] {8});
        sent.writeObject(null);

        RunnelStreamMessage received = WireRoundTrip.receive(sent, 1, null);

        assertThat(received.readBoolean()).isTrue();
        assertThat(received.readByte()).isEqualTo((byte) 1);
        assertThat(received.readShort()).isEqualTo((short) 2);
        assertThat(received.readChar()).isEqualTo('c');
        assertThat(received.readInt()).isEqualTo(3);
        assertThat(received.readLong()).isEqualTo(4L);
        assertThat(received.readFloat()).isEqualTo(5.5f);
        assertThat(received.readDouble()).isEqualTo(6.5d);
        assertThat(received.readString()).isEqualTo("seven");
        assertThat(received.readObject()).isEqualTo(new byte[] {8});
        assertThat(received.readObject()).isNull();
        assertThatThrownBy(received::readInt).isInstanceOf(MessageEOFException.class);
    }

    @Test
    void shouldNotMoveOnWhenAConversionFails() throws Exception {
        RunnelStreamMessage message = new RunnelStreamMessage();
        message.writeString("not a number");
        message.writeLong(5L);
        message.reset();

        assertThatThrownBy(message::readInt).isInstanceOf(NumberFormatException.class);
        assertThat(message.readString()).isEqualTo("not a number");
        assertThatThrownBy(message::readInt).isInstanceOf(MessageFormatException.class);
        assertThat(message.readLong()).isEqualTo(5L);
    }

    @Test
    void shouldReadAByteArrayInPiecesThenMinusOne() throws Exception {
        RunnelStreamMessage message = new RunnelStreamMessage();
        message.writeBytes(new byte[] {1, 2, 3, 4, 5});
        message.writeInt(9);
        message.reset();

        byte[] buffer = new byte[2];
        assertThat(message.readBytes(buffer)).isEqualTo(2);
        assertThatThrownBy(message::readInt).isInstanceOf(MessageFormatException.class);
        assertThat(message.readBytes(buffer)).isEqualTo(2);
        assertThat(buffer).containsExactly(3, 4);
        assertThat(message.readBytes(buffer)).isEqualTo(1);
        assertThat(buffer[0]).isEqualTo((byte) 5);
        assertThat(message.readInt()).isEqualTo(9);
    }

    @Test
    void shouldEndAByteArrayThatFillsTheBufferWithMinusOne() throws Exception {
        RunnelStreamMessage message = new RunnelStreamMessage();
        message.writeBytes(new byte[] {1, 2});
        message.writeBytes(null);
        message.reset();

        byte[] buffer = new byte[2];
        assertThat(message.readBytes(buffer)).isEqualTo(2);
        assertThat(message.readBytes(buffer)).isEqualTo(-1);
        assertThat(message.readBytes(buffer)).isEqualTo(-1); // the null field
        assertThatThrownBy(() -> message.readBytes(buffer)).isInstanceOf(MessageEOFException.class);
    }

    @Test
    void shouldBeWriteOnlyBeforeResetAndReadOnlyAfter() throws Exception {
        RunnelStreamMessage message = new RunnelStreamMessage();
        message.writeInt(1);
        assertThatThrownBy(message::readInt).isInstanceOf(MessageNotReadableException.class);
        message.reset();
        assertThatThrownBy(() -> message.writeInt(2)).isInstanceOf(MessageNotWriteableException.class);
        message.clearBody();
        message.writeInt(2);
        message.reset();
        assertThat(message.readInt()).isEqualTo(2);
    }

    @Test
    void shouldNeverGiveItsBodyThroughGetBody() throws Exception {
        RunnelStreamMessage message = new RunnelStreamMessage();
        message.writeInt(1);
        assertThat(message.isBodyAssignableTo(Object.class)).isFalse();
        assertThatThrownBy(() -> message.getBody(Object.class)).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void shouldRefuseUnsupportedObjects() {
        RunnelStreamMessage message = new RunnelStreamMessage();
        assertThatThrownBy(() -> message.writeObject(new StringBuilder()))
                .isInstanceOf(MessageFormatException.class);
    }
}
