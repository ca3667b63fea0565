package io.runnel.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import javax.naming.Reference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.runnel.client.jndi.RunnelObjectFactory;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;

class RunnelConnectionFactoryTest {

    @Test
    void shouldHaveTheDocumentedDefaults() {
        RunnelConnectionFactory factory = new RunnelConnectionFactory();
        assertThat(factory.getBrokerUrl()).isEqualTo("runnel://127.0.0.1:7672");
        assertThat(factory.getPrefetch()).isEqualTo(100);
        assertThat(factory.getConnectTimeoutMillis()).isEqualTo(10_000);
        assertThat(factory.getRequestTimeoutMillis()).isEqualTo(30_000);
        assertThat(factory.getClientId()).isNull();
        assertThat(factory.getUser()).isNull();
    }

    @Test
    void shouldTakeItsPropertiesFromTheUrlOptions() {
        RunnelConnectionFactory factory = new RunnelConnectionFactory("runnel://h:1?prefetch=7&clientId=c&user=u"
                + "&password=p&connectTimeoutMillis=123&requestTimeoutMillis=456");
        assertThat(factory.getPrefetch()).isEqualTo(7);
        assertThat(factory.getClientId()).isEqualTo("c");
        assertThat(factory.getUser()).isEqualTo("u");
        assertThat(factory.getPassword()).isEqualTo("p");
        assertThat(factory.getConnectTimeoutMillis()).isEqualTo(123);
        assertThat(factory.getRequestTimeoutMillis()).isEqualTo(456);
        assertThat(factory.toString()).doesNotContain("password=p");
    }

    @Test
    void shouldRefuseInvalidUrlsAndValues() {
        assertThatThrownBy(() -> new RunnelConnectionFactory("http://h")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("runnel://");
        assertThatThrownBy(() -> new RunnelConnectionFactory("runnel://h?prefetch=0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefetch");
        assertThatThrownBy(() -> new RunnelConnectionFactory("runnel://h?prefetch=many"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefetch");
        RunnelConnectionFactory factory = new RunnelConnectionFactory();
        assertThatThrownBy(() -> factory.setPrefetch(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> factory.setRequestTimeoutMillis(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> factory.setConnectTimeoutMillis(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Timeout(30)
    void shouldFailToConnectWithAJmsExceptionNamingTheHosts() {
        RunnelConnectionFactory factory = new RunnelConnectionFactory("runnel://127.0.0.1:1?connectTimeoutMillis=2000");
        assertThatThrownBy(factory::createConnection).isInstanceOf(JMSException.class)
                .hasMessageContaining("127.0.0.1:1");
    }

    @Test
    void shouldRebuildAnEquivalentFactoryFromItsReference() throws Exception {
        RunnelConnectionFactory factory = new RunnelConnectionFactory("runnel://h1:1,h2:2?prefetch=3");
        factory.setClientId("client");
        factory.setUser("user");
        factory.setPassword("secret");
        factory.setRequestTimeoutMillis(999);
        Reference reference = factory.getReference();

        Object rebuilt = new RunnelObjectFactory().getObjectInstance(reference, null, null, null);

        assertThat(rebuilt).isInstanceOf(RunnelConnectionFactory.class);
        RunnelConnectionFactory copy = (RunnelConnectionFactory) rebuilt;
        assertThat(copy.getBrokerUrl()).isEqualTo("runnel://h1:1,h2:2?prefetch=3");
        assertThat(copy.getPrefetch()).isEqualTo(3);
        assertThat(copy.getClientId()).isEqualTo("client");
        assertThat(copy.getUser()).isEqualTo("user");
        assertThat(copy.getPassword()).isEqualTo("secret");
        assertThat(copy.getRequestTimeoutMillis()).isEqualTo(999);
        assertThat(reference.getFactoryClassName()).isEqualTo(RunnelObjectFactory.class.getName());
    }

    @Test
    void shouldSurviveJavaSerialization() throws Exception {
        RunnelConnectionFactory factory = new RunnelConnectionFactory("runnel://h:5?prefetch=9");
        factory.setClientId("c");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(factory);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            RunnelConnectionFactory copy = (RunnelConnectionFactory) in.readObject();
            assertThat(copy.getBrokerUrl()).isEqualTo("runnel://h:5?prefetch=9");
            assertThat(copy.getPrefetch()).isEqualTo(9);
            assertThat(copy.getClientId()).isEqualTo("c");
        }
    }

    @Test
    void shouldSayThatJmsContextIsNotSupportedYet() {
        assertThatThrownBy(() -> new RunnelConnectionFactory().createContext())
                .isInstanceOf(JMSRuntimeException.class).hasMessageContaining("not supported yet");
    }
}
