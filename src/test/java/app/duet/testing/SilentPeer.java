package app.duet.testing;

import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.OptionalInt;

/**
 * A WebSocket peer on a bare TCP socket that writes frames and never reads: like a frozen tab or a
 * phone that lost its network without closing anything. It never answers the server's pings,
 * unless told to {@link #keepAlive()}: then it only stops reading. It can also write many frames in
 * one go ({@link #sendAll}), faster than any client that waits for each send, and read at last what
 * the server had sent ({@link #readTexts}, {@link #readCloseCode}).
 */
public final class SilentPeer implements AutoCloseable {

    private static final int TEXT = 0x1;
    private static final int BINARY = 0x2;
    private static final int CLOSE = 0x8;
    private static final int PONG = 0xA;

    private final Socket socket;
    private final OutputStream out;
    private volatile Thread heartbeat;

    public SilentPeer(URI uri) throws IOException {
        socket = new Socket();
        // a small window, so that the server's writes back up soon once this peer stops reading
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
        out = socket.getOutputStream();
        String key = Base64.getEncoder().encodeToString("duet-silent-peer".getBytes(StandardCharsets.US_ASCII));
        out.write(("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getAuthority()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head = readHead(socket.getInputStream());
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("Handshake refused: " + head);
        }
    }

    /** Sends one masked text frame (as clients must). */
    public void send(String text) throws IOException {
        frame(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends the frames in one write: the server gets them as one burst. */
    public void sendAll(List<String> texts) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (String text : texts) {
            all.write(encode(TEXT, text.getBytes(StandardCharsets.UTF_8)));
        }
        synchronized (this) {
            out.write(all.toByteArray());
            out.flush();
        }
    }

    /**
     * Reads the text frames the server sent: waits up to {@link SignalClient#WAIT} for the first,
     * then until none has come for {@code quiet} (pings and pongs skipped).
     */
    public List<JsonObject> readTexts(Duration quiet) throws IOException {
        socket.setSoTimeout((int) SignalClient.WAIT.toMillis());
        DataInputStream in = new DataInputStream(socket.getInputStream());
        List<JsonObject> texts = new ArrayList<>();
        try {
            while (true) {
                int opcode = in.readUnsignedByte() & 0x0f;
                byte[] payload = new byte[(int) length(in)];
                in.readFully(payload);
                if (opcode == TEXT) {
                    texts.add(JsonText.object(new String(payload, StandardCharsets.UTF_8)));
                    socket.setSoTimeout((int) quiet.toMillis());
                } else if (opcode == CLOSE) {
                    return texts;
                }
            }
        } catch (SocketTimeoutException e) {
            return texts;
        }
    }

    private static long length(DataInputStream in) throws IOException {
        long length = in.readUnsignedByte() & 0x7f;
        if (length == 126) {
            return in.readUnsignedShort();
        }
        return length == 127 ? in.readLong() : length;
    }

    /** Sends one masked binary frame. */
    public void sendBinary(byte[] payload) throws IOException {
        frame(BINARY, payload);
    }

    /**
     * From now on sends an unsolicited pong every 500 ms (RFC 6455 5.5.3 allows them as a one-way
     * heartbeat), still without reading: the server sees it alive, so only its not reading can get
     * it dropped, never the heartbeat timeout.
     */
    public void keepAlive() {
        Thread beat = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    frame(PONG, new byte[0]);
                    Thread.sleep(500);
                }
            } catch (IOException | InterruptedException e) {
                // closed: the beat ends with the socket
            }
        }, "silent-peer-keep-alive");
        beat.setDaemon(true);
        beat.start();
        heartbeat = beat;
    }

    /**
     * Starts reading at last: skips every frame the server had queued and returns the code of its
     * close frame, or empty if the connection ends (or {@code within} passes) without one.
     */
    public OptionalInt readCloseCode(Duration within) throws IOException {
        socket.setSoTimeout((int) within.toMillis());
        long deadline = System.nanoTime() + within.toNanos();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        try {
            while (System.nanoTime() < deadline) {
                int opcode = in.readUnsignedByte() & 0x0f;
                long length = length(in);
                if (opcode == CLOSE) {
                    return length >= 2 ? OptionalInt.of(in.readUnsignedShort()) : OptionalInt.empty();
                }
                in.skipNBytes(length);
            }
        } catch (EOFException | SocketTimeoutException e) {
            return OptionalInt.empty();
        } catch (IOException e) {
            if (socket.isClosed()) {
                throw e;
            }
            return OptionalInt.empty(); // reset by the server
        }
        return OptionalInt.empty();
    }

    private synchronized void frame(int opcode, byte[] payload) throws IOException {
        out.write(encode(opcode, payload));
        out.flush();
    }

    private static byte[] encode(int opcode, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length <= 0xffff) {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >> shift) & 0xff);
            }
        }
        byte[] mask = {1, 2, 3, 4};
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        return frame.toByteArray();
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("Connection closed during the handshake: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    @Override
    public void close() throws IOException {
        Thread beat = heartbeat;
        if (beat != null) {
            beat.interrupt();
        }
        socket.close();
    }
}
