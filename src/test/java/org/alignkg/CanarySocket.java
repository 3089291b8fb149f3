package org.alignkg;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback socket that counts connections: hostile inputs point their remote references
 * (DTDs, JSON-LD contexts, SERVICE, LOAD) at it, and a test proves nothing called out.
 */
public final class CanarySocket implements AutoCloseable {
    private final ServerSocket socket;
    private final AtomicInteger connections = new AtomicInteger();

    private CanarySocket(ServerSocket socket) {
        this.socket = socket;
    }

    public static CanarySocket open() throws IOException {
        ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        s.setSoTimeout(200);
        CanarySocket canary = new CanarySocket(s);
        Thread t = new Thread(() -> {
            while (!s.isClosed()) {
                try (var c = s.accept()) { canary.connections.incrementAndGet(); }
                catch (SocketTimeoutException e) { /* poll again, so close() ends the loop */ }
                catch (IOException e) { return; }
            }
        }, "canary-socket");
        t.setDaemon(true);
        t.start();
        return canary;
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
