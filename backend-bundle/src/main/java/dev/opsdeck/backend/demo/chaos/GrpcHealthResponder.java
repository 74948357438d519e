package dev.opsdeck.backend.demo.chaos;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The server half of {@code grpc.health.v1.Health/Check} over h2c, just enough for a demo daemon: it answers
 * every call on the connection with SERVING or NOT_SERVING. Response headers are HPACK literals (no Huffman);
 * request headers are not decoded since any call here is a health check.
 */
final class GrpcHealthResponder {
    private static final int DATA = 0;
    private static final int HEADERS = 1;
    private static final int SETTINGS = 4;
    private static final int PING = 6;
    private static final int END_STREAM = 0x1;
    private static final int END_HEADERS = 0x4;

    private GrpcHealthResponder() {
    }

    static void serve(DataInputStream in, OutputStream out, boolean serving) throws IOException {
        in.readFully(new byte[24]); // connection preface
        frame(out, SETTINGS, 0, 0, new byte[0]);
        out.flush();
        while (true) {
            int len = (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
            int type = in.readUnsignedByte();
            int flags = in.readUnsignedByte();
            int stream = in.readInt() & 0x7fffffff;
            byte[] payload = new byte[len];
            in.readFully(payload);
            if (type == SETTINGS && (flags & 0x1) == 0) {
                frame(out, SETTINGS, 0x1, 0, new byte[0]);
            } else if (type == PING && (flags & 0x1) == 0) {
                frame(out, PING, 0x1, 0, payload);
            } else if ((type == DATA || type == HEADERS) && (flags & END_STREAM) != 0 && stream > 0) {
                respond(out, stream, serving);
            }
            out.flush();
        }
    }

    private static void respond(OutputStream out, int stream, boolean serving) throws IOException {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.write(0x88); // :status 200 (static table 8)
        h.write(0x0f); // content-type (static 31), literal without indexing
        h.write(0x10);
        string(h, "application/grpc");
        frame(out, HEADERS, END_HEADERS, stream, h.toByteArray());
        // HealthCheckResponse { status: SERVING(1) | NOT_SERVING(2) } with the 5-byte gRPC message prefix.
        frame(out, DATA, 0, stream, new byte[]{0, 0, 0, 0, 2, 0x08, (byte) (serving ? 1 : 2)});
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        t.write(0x00);
        string(t, "grpc-status");
        string(t, "0");
        frame(out, HEADERS, END_HEADERS | END_STREAM, stream, t.toByteArray());
    }

    private static void string(ByteArrayOutputStream b, String s) {
        byte[] v = s.getBytes(StandardCharsets.US_ASCII);
        b.write(v.length);
        b.write(v, 0, v.length);
    }

    private static void frame(OutputStream out, int type, int flags, int stream, byte[] payload) throws IOException {
        out.write(new byte[]{(byte) (payload.length >>> 16), (byte) (payload.length >>> 8), (byte) payload.length, (byte) type, (byte) flags,
                (byte) (stream >>> 24), (byte) (stream >>> 16), (byte) (stream >>> 8), (byte) stream});
        out.write(payload);
    }
}
