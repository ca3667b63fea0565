package io.runnel.itest.recovery;

import io.runnel.client.RunnelConnectionFactory;
import io.runnel.itest.support.BrokerProcess;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promise users buy a broker for, checked the hard way: producers send persistent messages synchronously and a
 * consumer receives them while the broker process is killed with SIGKILL and restarted 20 times. Afterwards every
 * message whose send returned has been received; no message was received twice unless flagged
 * {@code JMSRedelivered=true}; and each producer's messages arrived in the order they were sent.
 */
class CrashRecoveryIT {
    private static final Logger LOG = LoggerFactory.getLogger(CrashRecoveryIT.class);
    private static final int PRODUCERS = 3;
    private static final int KILLS = 20;
    private static final String QUEUE = "crash-orders";

    @TempDir
    Path dataDir;

    private record Receipt(int producer, long seq, boolean redelivered, int deliveryCount) {
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void shouldLoseNothingAndDuplicateNothingUnflaggedAcrossTwentySigkills() throws Exception {
        try (BrokerProcess broker = new BrokerProcess(dataDir).start()) {
            String url = broker.url() + "?connectTimeoutMillis=2000&requestTimeoutMillis=10000";
            AtomicBoolean producing = new AtomicBoolean(true);
            AtomicBoolean consuming = new AtomicBoolean(true);
            List<Set<Long>> confirmed = new ArrayList<>();
            AtomicLong confirmedTotal = new AtomicLong();
            List<Receipt> receipts = new CopyOnWriteArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                Set<Long> mine = new ConcurrentSkipListSet<>();
                confirmed.add(mine);
                int producer = p;
                threads.add(start("producer-" + p, () -> produce(url, producer, mine, confirmedTotal, producing)));
            }
            threads.add(start("consumer", () -> consume(url, receipts, consuming)));

            for (int kill = 1; kill <= KILLS; kill++) {
                waitForProgress(confirmedTotal, 25);
                broker.kill();
                LOG.info("kill {}: {} sends confirmed, {} messages received so far", kill, confirmedTotal.get(), receipts.size());
                broker.start();
            }
            waitForProgress(confirmedTotal, 25);
            producing.set(false);
            threads.get(0).join(60_000);
            threads.get(1).join(60_000);
            threads.get(2).join(60_000);

            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (!allReceived(confirmed, receipts) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(50);   // polling the consumer's progress, with a deadline
            }
            consuming.set(false);
            threads.get(3).join(60_000);

            assertThat(confirmedTotal.get()).as("sends confirmed").isGreaterThan(KILLS * 25L);
            Map<String, Integer> seen = new HashMap<>();
            long[] lastFirstSeq = new long[PRODUCERS];
            java.util.Arrays.fill(lastFirstSeq, -1);
            for (Receipt r : receipts) {
                String key = r.producer + ":" + r.seq;
                int times = seen.merge(key, 1, Integer::sum);
                if (times > 1) {
                    assertThat(r.redelivered).as("second receipt of %s is flagged JMSRedelivered", key).isTrue();
                    assertThat(r.deliveryCount).as("JMSXDeliveryCount of %s", key).isGreaterThan(1);
                }
                if (!r.redelivered) {
                    assertThat(r.seq).as("producer %d's unflagged messages in send order", r.producer)
                            .isGreaterThan(lastFirstSeq[r.producer]);
                    lastFirstSeq[r.producer] = r.seq;
                }
            }
            for (int p = 0; p < PRODUCERS; p++) {
                for (long seq : confirmed.get(p)) {
                    assertThat(seen).as("confirmed message %d:%d received", p, seq).containsKey(p + ":" + seq);
                }
            }
            LOG.info("{} sends confirmed, {} receipts ({} distinct), {} flagged redeliveries", confirmedTotal.get(),
                    receipts.size(), seen.size(), receipts.stream().filter(Receipt::redelivered).count());
        }
    }

    private static boolean allReceived(List<Set<Long>> confirmed, List<Receipt> receipts) {
        Set<String> got = new java.util.HashSet<>();
        for (Receipt r : receipts) {
            got.add(r.producer + ":" + r.seq);
        }
        for (int p = 0; p < confirmed.size(); p++) {
            for (long seq : confirmed.get(p)) {
                if (!got.contains(p + ":" + seq)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void waitForProgress(AtomicLong counter, long atLeast) throws InterruptedException {
        long target = counter.get() + atLeast;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (counter.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no progress: producers stuck at " + counter.get());
            }
            TimeUnit.MILLISECONDS.sleep(10);   // polling a counter, with a deadline
        }
    }

    private static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Sends seq 0, 1, 2, ... ; a send that failed is not retried (its outcome is unknown) and the next seq follows. */
    private static void produce(String url, int producer, Set<Long> confirmed, AtomicLong total, AtomicBoolean running) {
        long seq = 0;
        while (running.get()) {
            try (Connection c = new RunnelConnectionFactory(url).createConnection()) {
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer mp = s.createProducer(s.createQueue(QUEUE));
                mp.setDeliveryMode(DeliveryMode.PERSISTENT);
                while (running.get()) {
                    Message m = s.createTextMessage("p" + producer + "-" + seq);
                    m.setIntProperty("producer", producer);
                    m.setLongProperty("seq", seq);
                    long sending = seq++;
                    mp.send(m);
                    confirmed.add(sending);
                    total.incrementAndGet();
                }
            } catch (JMSException e) {
                LOG.debug("producer {}: {}", producer, e.toString());
                pause();
            }
        }
    }

    private static void consume(String url, List<Receipt> receipts, AtomicBoolean running) {
        while (running.get()) {
            try (Connection c = new RunnelConnectionFactory(url).createConnection()) {
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer consumer = s.createConsumer(s.createQueue(QUEUE));
                c.start();
                while (running.get()) {
                    Message m = consumer.receive(200);
                    if (m != null) {
                        receipts.add(new Receipt(m.getIntProperty("producer"), m.getLongProperty("seq"),
                                m.getJMSRedelivered(), m.getIntProperty("JMSXDeliveryCount")));
                    } else if (isClosed(c)) {
                        break;
                    }
                }
            } catch (JMSException e) {
                LOG.debug("consumer: {}", e.toString());
                pause();
            }
        }
    }

    /** A receive that returns null may mean the connection died: probe it. */
    private static boolean isClosed(Connection c) {
        try {
            c.getClientID();
            c.createSession(false, Session.AUTO_ACKNOWLEDGE).close();
            return false;
        } catch (JMSException e) {
            return true;
        }
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(100);   // back-off before reconnecting to a broker that is restarting
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
