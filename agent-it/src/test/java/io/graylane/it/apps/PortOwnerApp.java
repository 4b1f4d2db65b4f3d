package io.graylane.it.apps;

import java.net.InetAddress;
import java.net.ServerSocket;

/** An application that listens on the port given as its argument, as a web server would; exit 3 if it cannot. */
public final class PortOwnerApp {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        try (ServerSocket s = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            System.out.println("BOUND " + s.getLocalPort());
        } catch (java.net.BindException e) {
            System.out.println("BIND FAILED " + e.getMessage());
            System.exit(3);
        }
    }
}
