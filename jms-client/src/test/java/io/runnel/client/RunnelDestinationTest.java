package io.runnel.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.runnel.client.jndi.RunnelObjectFactory;

class RunnelDestinationTest {

    @Test
    void shouldCompareByKindAndName() {
        assertThat(new RunnelQueue("a")).isEqualTo(new RunnelQueue("a")).hasSameHashCodeAs(new RunnelQueue("a"));
        assertThat(new RunnelQueue("a")).isNotEqualTo(new RunnelQueue("b"));
        assertThat((Object) new RunnelQueue("a")).isNotEqualTo(new RunnelTopic("a"));
        assertThat(new RunnelTopic("news")).hasToString("news");
    }

    @Test
    void shouldValidateNames() {
        assertThatThrownBy(() -> new RunnelQueue("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RunnelQueue(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RunnelTopic("a\nb")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+000A");
        assertThatThrownBy(() -> new RunnelQueue("x".repeat(256))).isInstanceOf(IllegalArgumentException.class);
        assertThat(new RunnelQueue("x".repeat(255)).getQueueName()).hasSize(255);
    }

    @Test
    void shouldRebuildFromItsReference() throws Exception {
        RunnelObjectFactory factory = new RunnelObjectFactory();
        assertThat(factory.getObjectInstance(new RunnelQueue("q").getReference(), null, null, null))
                .isEqualTo(new RunnelQueue("q"));
        assertThat(factory.getObjectInstance(new RunnelTopic("t").getReference(), null, null, null))
                .isEqualTo(new RunnelTopic("t"));
        assertThat(factory.getObjectInstance("not a reference", null, null, null)).isNull();
    }
}
