package io.runnel.client.jndi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Hashtable;
import java.util.List;

import javax.naming.CompositeName;
import javax.naming.ConfigurationException;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NameClassPair;
import javax.naming.NameNotFoundException;
import javax.naming.NotContextException;
import javax.naming.OperationNotSupportedException;

import org.junit.jupiter.api.Test;

import io.runnel.client.RunnelConnectionFactory;
import io.runnel.client.RunnelQueue;
import io.runnel.client.RunnelTopic;

class RunnelInitialContextFactoryTest {

    private static Hashtable<String, String> environment() {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, RunnelInitialContextFactory.class.getName());
        return env;
    }

    @Test
    void shouldBindTheDefaultConnectionFactoryToTheProviderUrl() throws Exception {
        Hashtable<String, String> env = environment();
        env.put(Context.PROVIDER_URL, "runnel://broker:9000");
        Context context = new InitialContext(env);
        try {
            RunnelConnectionFactory factory = (RunnelConnectionFactory) context.lookup("ConnectionFactory");
            assertThat(factory.getBrokerUrl()).isEqualTo("runnel://broker:9000");
        } finally {
            context.close();
        }
    }

    @Test
    void shouldUseTheLocalBrokerWithoutAProviderUrl() throws Exception {
        Context context = new InitialContext(environment());
        RunnelConnectionFactory factory = (RunnelConnectionFactory) context.lookup("ConnectionFactory");
        assertThat(factory.getBrokerUrl()).isEqualTo(RunnelConnectionFactory.DEFAULT_BROKER_URL);
    }

    @Test
    void shouldBindFactoriesQueuesAndTopicsFromEntries() throws Exception {
        Hashtable<String, String> env = environment();
        env.put("connectionFactory.fast", "runnel://h:1?prefetch=500");
        env.put("queue.jms/orders", "orders.physical");
        env.put("topic.prices", "prices.physical");
        Context context = new InitialContext(env);

        assertThat(((RunnelConnectionFactory) context.lookup("fast")).getPrefetch()).isEqualTo(500);
        assertThat(context.lookup("jms/orders")).isEqualTo(new RunnelQueue("orders.physical"));
        assertThat(context.lookup(new CompositeName("jms/orders"))).isEqualTo(new RunnelQueue("orders.physical"));
        assertThat(context.lookup("prices")).isEqualTo(new RunnelTopic("prices.physical"));
    }

    @Test
    void shouldListEveryBinding() throws Exception {
        Hashtable<String, String> env = environment();
        env.put("queue.q1", "a");
        Context context = new InitialContext(env);

        List<String> names = new ArrayList<>();
        for (NameClassPair pair : Collections.list(context.list(""))) {
            names.add(pair.getName());
        }
        assertThat(names).containsExactlyInAnyOrder("ConnectionFactory", "q1");
        assertThat(Collections.list(context.listBindings(""))).hasSize(2);
        assertThatThrownBy(() -> context.list("q1")).isInstanceOf(NotContextException.class);
    }

    @Test
    void shouldFailLookupsOfUnknownNames() throws Exception {
        Context context = new InitialContext(environment());
        assertThatThrownBy(() -> context.lookup("nope")).isInstanceOf(NameNotFoundException.class);
    }

    @Test
    void shouldRefuseChanges() throws Exception {
        Context context = new InitialContext(environment());
        assertThatThrownBy(() -> context.bind("x", "y")).isInstanceOf(OperationNotSupportedException.class);
        assertThatThrownBy(() -> context.rebind("x", "y")).isInstanceOf(OperationNotSupportedException.class);
        assertThatThrownBy(() -> context.unbind("ConnectionFactory"))
                .isInstanceOf(OperationNotSupportedException.class);
        assertThatThrownBy(() -> context.createSubcontext("x")).isInstanceOf(OperationNotSupportedException.class);
    }

    @Test
    void shouldReportAnInvalidEntry() {
        Hashtable<String, String> env = environment();
        env.put("connectionFactory.bad", "http://h");
        assertThatThrownBy(() -> new InitialContext(env)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("connectionFactory.bad");
    }
}
