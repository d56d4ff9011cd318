package app.duet.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Just enough STUN (RFC 5389) for a TURN Allocate with long-term credentials, to read coturn's error code. */
final class Stun {

    static final int ERROR_CODE = 0x0009;
    static final int REALM = 0x0014;
    static final int NONCE = 0x0015;
    private static final int ALLOCATE = 0x0003;
    private static final int USERNAME = 0x0006;
    private static final int MESSAGE_INTEGRITY = 0x0008;
    private static final int REQUESTED_TRANSPORT = 0x0019;
    private static final int COOKIE = 0x2112A442;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Stun() {
    }

    /** An Allocate request for UDP; with credentials when {@code user} is given (then with MESSAGE-INTEGRITY). */
    static byte[] allocate(String user, String realm, byte[] nonce, String password) {
        ByteBuffer message = ByteBuffer.allocate(512).putShort((short) ALLOCATE).putShort((short) 0).putInt(COOKIE);
        byte[] transaction = new byte[12];
        RANDOM.nextBytes(transaction);
        message.put(transaction);
        attribute(message, REQUESTED_TRANSPORT, new byte[] {17, 0, 0, 0});
        if (user != null) {
            attribute(message, USERNAME, user.getBytes(StandardCharsets.UTF_8));
            attribute(message, REALM, realm.getBytes(StandardCharsets.UTF_8));
            attribute(message, NONCE, nonce);
            // the length covers MESSAGE-INTEGRITY itself (24 bytes) when the HMAC is computed
            message.putShort(2, (short) (message.position() - 20 + 24));
            try {
                byte[] key = MessageDigest.getInstance("MD5")
                        .digest((user + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8));
                Mac hmac = Mac.getInstance("HmacSHA1");
                hmac.init(new SecretKeySpec(key, "HmacSHA1"));
                hmac.update(message.array(), 0, message.position());
                attribute(message, MESSAGE_INTEGRITY, hmac.doFinal());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        message.putShort(2, (short) (message.position() - 20));
        return Arrays.copyOf(message.array(), message.position());
    }

    private static void attribute(ByteBuffer message, int type, byte[] value) {
        message.putShort((short) type).putShort((short) value.length).put(value);
        message.put(new byte[(4 - value.length % 4) % 4]);
    }

    /** Sends {@code request} (again, up to 5 times) until the answer comes; returns its attributes. */
    static Map<Integer, byte[]> exchange(DatagramSocket socket, byte[] request) throws IOException {
        socket.setSoTimeout(500);
        byte[] buffer = new byte[2048];
        for (int attempt = 0; attempt < 5; attempt++) {
            socket.send(new DatagramPacket(request, request.length));
            try {
                while (true) {
                    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                    socket.receive(packet);
                    ByteBuffer answer = ByteBuffer.wrap(buffer, 0, packet.getLength());
                    if (Arrays.equals(Arrays.copyOfRange(buffer, 8, 20), Arrays.copyOfRange(request, 8, 20))) {
                        return attributes(answer);
                    }
                }
            } catch (SocketTimeoutException e) {
                // send again
            }
        }
        throw new SocketTimeoutException("no answer");
    }

    private static Map<Integer, byte[]> attributes(ByteBuffer answer) {
        Map<Integer, byte[]> attributes = new HashMap<>();
        int end = 20 + (answer.getShort(2) & 0xffff);
        answer.position(20);
        while (answer.position() + 4 <= end) {
            int type = answer.getShort() & 0xffff;
            byte[] value = new byte[answer.getShort() & 0xffff];
            answer.get(value);
            answer.position(Math.min(end, answer.position() + (4 - value.length % 4) % 4));
            attributes.putIfAbsent(type, value);
        }
        return attributes;
    }

    /** The answer's ERROR-CODE (class * 100 + number), 0 when it has none (a success). */
    static int errorCode(Map<Integer, byte[]> answer) {
        byte[] error = answer.get(ERROR_CODE);
        return error == null ? 0 : (error[2] & 0x7) * 100 + (error[3] & 0xff);
    }
}
