package dev.opsdeck.backend.ops;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The standard gRPC health checking protocol ({@code grpc.health.v1.Health/Check}) spoken over plaintext HTTP/2
 * (h2c with prior knowledge) in a few frames, so the backend needs no gRPC library. Request headers are sent as
 * HPACK literals; the response's HPACK headers are not decoded, only its DATA frame (the
 * {@code HealthCheckResponse}), which is all the protocol needs. A daemon that only speaks TLS fails this probe;
 * the status then says TCP reachability separately (see {@link UpstreamService}).
 */
final class GrpcHealthProbe implements Probe {
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int DATA = 0;
    private static final int HEADERS = 1;
    private static final int RST_STREAM = 3;
    private static final int SETTINGS = 4;
    private static final int PING = 6;
    private static final int GOAWAY = 7;
    private static final int END_STREAM = 0x1;
    private static final int END_HEADERS = 0x4;
    private static final int ACK = 0x1;

    @Override
    public String method() {
        return "grpc-health (h2c)";
    }

    @Override
    public Outcome check(String host, int port, int timeoutMs) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), timeoutMs);
            s.setSoTimeout(timeoutMs);
            OutputStream out = s.getOutputStream();
            out.write(PREFACE);
            frame(out, SETTINGS, 0, 0, new byte[0]);
            frame(out, HEADERS, END_HEADERS, 1, requestHeaders(host + ":" + port));
            frame(out, DATA, END_STREAM, 1, new byte[5]); // uncompressed, zero-length HealthCheckRequest (service "")
            out.flush();
            byte[] body = readResponse(new DataInputStream(s.getInputStream()), out);
            return interpret(body);
        }
    }

    private static byte[] readResponse(DataInputStream in, OutputStream out) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        while (true) {
            int len;
            try {
                len = (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
            } catch (EOFException e) {
                throw new IOException("connection closed before the health response (not an h2c gRPC server?)");
            }
            int type = in.readUnsignedByte();
            int flags = in.readUnsignedByte();
            int stream = in.readInt() & 0x7fffffff;
            if (len > 1 << 20) {
                throw new IOException("implausible HTTP/2 frame of " + len + " bytes (not an h2c gRPC server?)");
            }
            byte[] payload = new byte[len];
            in.readFully(payload);
            if (type == SETTINGS && (flags & ACK) == 0) {
                frame(out, SETTINGS, ACK, 0, new byte[0]);
                out.flush();
            } else if (type == PING && (flags & ACK) == 0) {
                frame(out, PING, ACK, 0, payload);
                out.flush();
            } else if (type == GOAWAY) {
                throw new IOException("the server sent GOAWAY");
            } else if (type == RST_STREAM && stream == 1) {
                throw new IOException("the server reset the health check stream");
            } else if (type == DATA && stream == 1) {
                data.write(payload);
                if ((flags & END_STREAM) != 0) {
                    return data.toByteArray();
                }
            } else if (type == HEADERS && stream == 1 && (flags & END_STREAM) != 0) {
                return data.toByteArray(); // trailers end the call
            }
        }
    }

    /** Reads {@code HealthCheckResponse.status} (field 1, varint) out of the length-prefixed gRPC message. */
    static Outcome interpret(byte[] body) throws IOException {
        if (body.length < 5) {
            throw new IOException("no HealthCheckResponse (the daemon may not implement grpc.health.v1)");
        }
        int status = 0;
        int i = 5;
        while (i < body.length) {
            int tag = body[i++] & 0xff;
            if (tag == 0x08 && i < body.length) {
                status = body[i] & 0x7f;
                break;
            }
            break; // unknown field first: treat as UNKNOWN
        }
        switch (status) {
            case 1:
                return new Outcome("up", "SERVING");
            case 2:
                throw new IOException("health status NOT_SERVING");
            case 3:
                throw new IOException("health status SERVICE_UNKNOWN");
            default:
                return new Outcome("degraded", "health status UNKNOWN");
        }
    }

    private static byte[] requestHeaders(String authority) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x83); // :method POST (static table 3)
        b.write(0x86); // :scheme http (static table 6)
        literal(b, 4, "/grpc.health.v1.Health/Check"); // :path
        literal(b, 1, authority);                      // :authority
        b.write(0x0f);                                  // content-type (static 31 = 15 + 16), literal without indexing
        b.write(0x10);
        string(b, "application/grpc");
        b.write(0x00);                                  // te: trailers, new name
        string(b, "te");
        string(b, "trailers");
        return b.toByteArray();
    }

    private static void literal(ByteArrayOutputStream b, int nameIndex, String value) {
        b.write(nameIndex); // literal header field without indexing, indexed name (index < 15)
        string(b, value);
    }

    private static void string(ByteArrayOutputStream b, String s) {
        byte[] v = s.getBytes(StandardCharsets.US_ASCII);
        if (v.length >= 127) {
            throw new IllegalArgumentException("header value too long for this minimal encoder");
        }
        b.write(v.length); // no Huffman coding
        b.write(v, 0, v.length);
    }

    private static void frame(OutputStream out, int type, int flags, int stream, byte[] payload) throws IOException {
        out.write(new byte[]{(byte) (payload.length >>> 16), (byte) (payload.length >>> 8), (byte) payload.length, (byte) type, (byte) flags,
                (byte) (stream >>> 24), (byte) (stream >>> 16), (byte) (stream >>> 8), (byte) stream});
        out.write(payload);
    }
}
