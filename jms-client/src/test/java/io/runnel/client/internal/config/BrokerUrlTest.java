package io.runnel.client.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BrokerUrlTest {

    @Test
    void shouldParseOneHostAndPort() {
        BrokerUrl url = BrokerUrl.parse("runnel://broker.example:7000");
        assertThat(url.hosts()).containsExactly(new HostAndPort("broker.example", 7000));
        assertThat(url.options()).isEmpty();
    }

    @Test
    void shouldDefaultThePortTo7672() {
        assertThat(BrokerUrl.parse("runnel://localhost").hosts()).containsExactly(new HostAndPort("localhost", 7672));
    }

    @Test
    void shouldParseSeveralHostsInOrderAndDecodeOptions() {
        BrokerUrl url = BrokerUrl.parse("RUNNEL://h1:1,h2:2,[::1]:3/?prefetch=5&clientId=app%201&password=a%26b");
        assertThat(url.hosts()).containsExactly(new HostAndPort("h1", 1), new HostAndPort("h2", 2),
                new HostAndPort("::1", 3));
        assertThat(url.options()).isEqualTo(Map.of("prefetch", "5", "clientId", "app 1", "password", "a&b"));
        assertThat(url.hosts().get(2)).hasToString("[::1]:3");
    }

    @Test
    void shouldRejectInvalidUrlsWithAClearMessage() {
        List<String[]> cases = List.of(
                new String[] {"", "null or empty"},
                new String[] {"tcp://h:1", "must start with runnel://"},
                new String[] {"runnel://", "a host is missing"},
                new String[] {"runnel://h1,,h2", "a host is missing"},
                new String[] {"runnel://h:abc", "not a number"},
                new String[] {"runnel://h:70000", "not within 1..65535"},
                new String[] {"runnel://h:1/path", "a path is not allowed"},
                new String[] {"runnel://h:1?color=red", "unknown option 'color'"},
                new String[] {"runnel://h:1?prefetch", "has no value"},
                new String[] {"runnel://a:b:c", "several ':'"},
                new String[] {"runnel://[::1", "closing ]"});
        for (String[] c : cases) {
            assertThatThrownBy(() -> BrokerUrl.parse(c[0])).as(c[0])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(c[1]);
        }
    }

    @Test
    void shouldMaskThePasswordInMessages() {
        assertThatThrownBy(() -> BrokerUrl.parse("runnel://h:1?password=secret&x=1"))
                .hasMessageNotContaining("secret")
                .hasMessageContaining("password=***");
    }
}
