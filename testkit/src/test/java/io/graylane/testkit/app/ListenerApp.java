package io.graylane.testkit.app;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A tiny application for {@link AppJvmTest}: listens on {@code args[0]}:{@code args[1]}, prints its banner, waits. */
public final class ListenerApp {
    public static void main(String[] args) throws Exception {
        if (args[0].equals("die")) {
            System.out.println("dying before READY");
            System.exit(7);
        }
        try (ServerSocket s = new ServerSocket(Integer.parseInt(args[1]), 50, InetAddress.getByName(args[0]))) {
            System.out.println("VERSION demo-lib=" + args[2]);
            System.out.println("READY " + s.getLocalPort());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
            String line;
            while ((line = in.readLine()) != null) {
                System.out.println("ECHO " + line);
                if (line.equals("exit")) {
                    return;
                }
            }
        }
    }
}
