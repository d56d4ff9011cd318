package app.duet.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;

/** A TCP port free on loopback right now. */
public final class Ports {

    private Ports() {
    }

    public static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A port free on loopback for both TCP and UDP right now (for coturn). */
    public static int freeTcpAndUdp() {
        for (int i = 0; i < 50; i++) {
            try (ServerSocket tcp = new ServerSocket(0); DatagramSocket udp = new DatagramSocket(tcp.getLocalPort())) {
                return tcp.getLocalPort();
            } catch (IOException busy) {
                // try another
            }
        }
        throw new IllegalStateException("no free port");
    }
}
