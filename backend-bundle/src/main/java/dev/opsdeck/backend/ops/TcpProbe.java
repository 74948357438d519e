package dev.opsdeck.backend.ops;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Reachability only: a TCP connect. For daemons that offer nothing better. */
final class TcpProbe implements Probe {
    @Override
    public String method() {
        return "tcp-connect";
    }

    @Override
    public Outcome check(String host, int port, int timeoutMs) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), timeoutMs);
        }
        return new Outcome("up", "TCP connect succeeded");
    }
}
