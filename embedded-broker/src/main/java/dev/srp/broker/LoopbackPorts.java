package dev.srp.broker;

import dev.srp.contract.SrpException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Free loopback ports for a broker's listeners. */
final class LoopbackPorts {
    private LoopbackPorts() {
    }

    /**
     * {@code count} distinct free ports. Every socket stays open until all are picked: a port taken and released one
     * at a time can be handed out again at once, and two listeners on one port stop the broker at start.
     */
    static int[] distinct(int count) {
        List<ServerSocket> held = new ArrayList<>(count);
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new SrpException("cannot find a free loopback port: " + e.getMessage(), null, e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException e) {
                    // closing an unbound listener cannot lose anything
                }
            }
        }
    }
}
