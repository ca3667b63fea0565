package io.runnel.client.internal.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;

class RunnelBytesMessageTest {

    @Test
    void shouldReadBackWhatWasWrittenAfterReset() throws Exception {
        RunnelBytesMessage message = new RunnelBytesMessage();
        message.writeBoolean(true);
        message.writeByte((byte) -2);
        message.writeShort((short) -300);
        message.writeChar('é');
        message.writeInt(1 << 20);
        message.writeLong(-1L);
        message.writeFloat(1.25f);
        message.writeDouble(-2.5d);
        message.writeUTF("text");
        message.writeBytes(new byte[] {9, 8, 7}, 1, 2);
        message.writeObject(42);
        message.reset();

        assertThat(message.readBoolean()).isTrue();
        assertThat(message.readByte()).isEqualTo((byte) -2);
        assertThat(message.readShort()).isEqualTo((short) -300);
        assertThat(message.readChar()).isEqualTo('é');
        assertThat(message.readInt()).isEqualTo(1 << 20);
        assertThat(message.readLong()).isEqualTo(-1L);
        assertThat(message.readFloat()).isEqualTo(1.25f);
        assertThat(message.readDouble()).isEqualTo(-2.5d);
        assertThat(message.readUTF()).isEqualTo("text");
        byte[] two = new byte[2];
        assertThat(message.readBytes(two)).isEqualTo(2);
        assertThat(two).containsExactly(8, 7);
        assertThat(message.readInt()).isEqualTo(42);
        assertThat(message.readBytes(new byte[1])).isEqualTo(-1);
        assertThatThrownBy(message::readByte).isInstanceOf(MessageEOFException.class);
    }

    @Test
    void shouldBeWriteOnlyBeforeResetAndReadOnlyAfter() throws Exception {
        RunnelBytesMessage message = new RunnelBytesMessage();
        message.writeInt(1);
        assertThatThrownBy(message::readInt).isInstanceOf(MessageNotReadableException.class);
        assertThatThrownBy(message::getBodyLength).isInstanceOf(MessageNotReadableException.class);
        message.reset();
        assertThat(message.getBodyLength()).isEqualTo(4);
        assertThatThrownBy(() -> message.writeInt(2)).isInstanceOf(MessageNotWriteableException.class);
        message.clearBody();
        message.writeInt(2);
        message.reset();
        assertThat(message.readInt()).isEqualTo(2);
    }

    @Test
    void shouldArriveReadOnlyAtTheStart() throws Exception {
        RunnelBytesMessage sent = new RunnelBytesMessage();
        sent.writeLong(77L);
        RunnelBytesMessage received = WireRoundTrip.receive(sent, 1, null);

        assertThat(received.getBodyLength()).isEqualTo(8);
        assertThat(received.readLong()).isEqualTo(77L);
        assertThatThrownBy(() -> received.writeInt(1)).isInstanceOf(MessageNotWriteableException.class);
    }

    @Test
    void shouldReturnTheWholeBodyFromGetBodyAndResetAround() throws Exception {
        RunnelBytesMessage message = new RunnelBytesMessage();
        message.writeBytes(new byte[] {1, 2, 3});
        assertThat(message.getBody(byte[].class)).containsExactly(1, 2, 3);
        message.readByte();
        assertThat(message.getBody(Object.class)).isEqualTo(new byte[] {1, 2, 3});
        assertThat(message.readByte()).isEqualTo((byte) 1);
        assertThat(message.isBodyAssignableTo(byte[].class)).isTrue();
        assertThat(message.isBodyAssignableTo(String.class)).isFalse();
        assertThatThrownBy(() -> message.getBody(String.class)).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void shouldTreatAnEmptyBodyAsNoBody() throws Exception {
        RunnelBytesMessage message = new RunnelBytesMessage();
        assertThat(message.getBody(String.class)).isNull();
        assertThat(message.isBodyAssignableTo(String.class)).isTrue();
    }

    @Test
    void shouldRefuseUnsupportedObjectsAndNull() {
        RunnelBytesMessage message = new RunnelBytesMessage();
        assertThatThrownBy(() -> message.writeObject(new Object())).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.writeObject(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void shouldKeepTheSentBodyWhenTheSenderChangesTheMessageLater() throws Exception {
        RunnelBytesMessage sent = new RunnelBytesMessage();
        sent.writeInt(1);
        var wire = sent.toWire();
        sent.writeInt(2);
        assertThat(wire.getBody()).hasSize(4);
    }
}
