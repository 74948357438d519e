package dev.opsdeck.backend.demo.chaos;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real upstream on a loopback port for the demo: it answers HTTP/1.1 ({@code GET /health}) and the gRPC health
 * checking protocol over h2c, and an operator can make it fail, lag or go away entirely (the port is closed, so a
 * client gets "connection refused") and come back on the same port.
 */
public final class ChaosUpstream implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChaosUpstream.class);
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** What the upstream does to its callers. */
    public enum Mode {
        /** answers healthy */
        OK,
        /** answers, but unhealthy: HTTP 503, gRPC NOT_SERVING */
        FAIL,
        /** answers healthy after a delay */
        LAG,
        /** not listening: connections are refused */
        DOWN;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String name;
    private final ExecutorService connections;
    private final AtomicLong requests = new AtomicLong();
    private volatile Mode mode = Mode.OK;
    private volatile int lagMs = 1500;
    private int port;
    private ServerSocket server;
    private Future<?> acceptor;
    /** Holds the port while DOWN (bound, not listening): callers are refused, and nobody else can take the port. */
    private Socket placeholder;

    private ChaosUpstream(String name) {
        this.name = name;
        this.connections = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "chaos-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts listening on a free loopback port. */
    public static ChaosUpstream start(String name) throws IOException {
        ChaosUpstream u = new ChaosUpstream(name);
        u.bind(0);
        return u;
    }

    private synchronized void bind(int wanted) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted));
        server = s;
        port = s.getLocalPort();
        acceptor = connections.submit(() -> acceptLoop(s));
    }

    private void acceptLoop(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket c = s.accept();
                connections.submit(() -> serve(c));
            } catch (IOException e) {
                return; // closed: DOWN or shutdown
            }
        }
    }

    /** Changes behaviour; leaving DOWN binds the same port again. */
    public synchronized void setMode(Mode newMode, int lag) throws IOException {
        if (newMode == Mode.DOWN && server != null) {
            server.close();
            server = null;
            // The JDK closes a socket that a thread is blocked accepting on only once that thread has left accept():
            // until then connections are still accepted. Wait for it, so DOWN means refused from now on.
            awaitAcceptorExit();
            placeholder = reserve(port);
        } else if (newMode != Mode.DOWN && server == null) {
            if (placeholder != null) {
                placeholder.close();
                placeholder = null;
            }
            bind(port);
        }
        this.lagMs = lag;
        this.mode = newMode;
        log.info("chaos: upstream {} on port {} is now {}", name, port, newMode.id());
    }

    private void awaitAcceptorExit() {
        try {
            acceptor.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("chaos {}: accept loop did not stop: {}", name, e.toString());
        }
    }

    /**
     * Binds a plain socket to the freed port without listening. Without it another process (or the kernel, picking
     * an ephemeral source port for a loopback connect) could take the port, and a probe of a "down" upstream
     * would reach something else.
     */
    private static Socket reserve(int port) {
        Socket s = new Socket();
        try {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return s;
        } catch (IOException e) {
            try {
                s.close();
            } catch (IOException ignored) {
                // nothing held
            }
            return null;
        }
    }

    public String name() {
        return name;
    }

    public synchronized int port() {
        return port;
    }

    public Mode mode() {
        return mode;
    }

    public int lagMs() {
        return lagMs;
    }

    public long requests() {
        return requests.get();
    }

    private void serve(Socket c) {
        try (c) {
            c.setSoTimeout(10_000);
            BufferedInputStream in = new BufferedInputStream(c.getInputStream());
            in.mark(PREFACE.length);
            byte[] first = in.readNBytes(3);
            in.reset();
            requests.incrementAndGet();
            if (mode == Mode.LAG) {
                Thread.sleep(lagMs);
            }
            if (new String(first, StandardCharsets.US_ASCII).equals("PRI")) {
                GrpcHealthResponder.serve(new DataInputStream(in), c.getOutputStream(), mode != Mode.FAIL);
            } else {
                http(in, c.getOutputStream());
            }
        } catch (IOException e) {
            log.debug("chaos {}: {}", name, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void http(InputStream in, OutputStream out) throws IOException {
        // Read the request head; the path does not matter, every path is the health endpoint.
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        boolean healthy = mode != Mode.FAIL;
        String body = "{\"service\":\"" + name + "\",\"status\":\"" + (healthy ? "ok" : "failing") + "\"}";
        String head = "HTTP/1.1 " + (healthy ? "200 OK" : "503 Service Unavailable") + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n";
        out.write((head + body).getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public synchronized void close() {
        try {
            if (server != null) {
                server.close();
            }
            if (placeholder != null) {
                placeholder.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        connections.shutdownNow();
    }
}
