package io.runnel.client.internal.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;

class RunnelObjectMessageTest {

    /** A class outside the default allow-list. */
    record Order(String id, int quantity) implements Serializable {
    }

    @AfterEach
    void clearAllowList() {
        System.clearProperty(ObjectSerialization.ALLOW_LIST_PROPERTY);
    }

    @Test
    void shouldRoundTripObjectsOfAllowedPackages() throws Exception {
        ArrayList<Object> list = new ArrayList<>(List.of("a", 1, LocalDate.of(2026, 1, 2)));
        RunnelObjectMessage sent = new RunnelObjectMessage();
        sent.setObject(list);

        RunnelObjectMessage received = WireRoundTrip.receive(sent, 1, null);

        assertThat(received.getObject()).isEqualTo(list);
        assertThat((Object) received.getBody(List.class)).isEqualTo(list);
        assertThat(received.isBodyAssignableTo(Serializable.class)).isTrue();
        assertThat(received.isBodyAssignableTo(String.class)).isFalse();
    }

    @Test
    void shouldRefuseToDeserializeAClassOutsideTheAllowListNamingIt() throws Exception {
        RunnelObjectMessage sent = new RunnelObjectMessage();
        sent.setObject(new Order("o-1", 2));
        RunnelObjectMessage received = WireRoundTrip.receive(sent, 1, null);

        assertThatThrownBy(received::getObject)
                .isInstanceOf(MessageFormatException.class)
                .hasMessageContaining(Order.class.getName());
        assertThat(received.isBodyAssignableTo(Order.class)).isFalse();
    }

    @Test
    void shouldDeserializeAClassWhosePackageIsAddedToTheAllowList() throws Exception {
        System.setProperty(ObjectSerialization.ALLOW_LIST_PROPERTY, "com.example, " + Order.class.getPackageName());
        RunnelObjectMessage sent = new RunnelObjectMessage();
        sent.setObject(new Order("o-1", 2));
        RunnelObjectMessage received = WireRoundTrip.receive(sent, 1, null);

        assertThat(received.getObject()).isEqualTo(new Order("o-1", 2));
    }

    @Test
    void shouldRefuseAllowedContainersHoldingDeniedClasses() throws Exception {
        RunnelObjectMessage message = new RunnelObjectMessage();
        message.setObject(new ArrayList<>(List.of(new Order("o-1", 2))));
        assertThatThrownBy(message::getObject).hasMessageContaining(Order.class.getName());
    }

    @Test
    void shouldSnapshotTheObjectWhenSet() throws Exception {
        ArrayList<String> list = new ArrayList<>(List.of("a"));
        RunnelObjectMessage message = new RunnelObjectMessage();
        message.setObject(list);
        list.add("b");
        assertThat(message.getObject()).isEqualTo(List.of("a"));
    }

    @Test
    void shouldBeReadOnlyOnReceiptUntilCleared() throws Exception {
        RunnelObjectMessage sent = new RunnelObjectMessage();
        sent.setObject("x");
        RunnelObjectMessage received = WireRoundTrip.receive(sent, 1, null);
        assertThatThrownBy(() -> received.setObject("y")).isInstanceOf(MessageNotWriteableException.class);
        received.clearBody();
        assertThat(received.getObject()).isNull();
        received.setObject("y");
        assertThat(received.getObject()).isEqualTo("y");
    }
}
