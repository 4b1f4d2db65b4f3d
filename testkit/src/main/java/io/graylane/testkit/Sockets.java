package io.graylane.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The TCP sockets a process listens on, read from Linux /proc (empty elsewhere). */
public final class Sockets {

    private Sockets() {
    }

    /** "address:port" for every listening TCP socket of {@code pid}, e.g. "127.0.0.1:28848". */
    public static List<String> listening(long pid) {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException ignored) {
                    // closed meanwhile
                }
            });
        } catch (IOException e) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String table : new String[] {"tcp", "tcp6"}) {
            try {
                List<String> lines = Files.readAllLines(Path.of("/proc/" + pid + "/net/" + table));
                for (String l : lines.subList(1, lines.size())) {
                    String[] f = l.trim().split("\\s+");
                    if (f.length > 9 && "0A".equals(f[3]) && inodes.contains(f[9])) { // 0A = LISTEN
                        out.add(decode(f[1]));
                    }
                }
            } catch (IOException ignored) {
                // no IPv6
            }
        }
        return out;
    }

    /** True when some process of this network namespace listens on TCP {@code port} (any address). */
    public static boolean anyListening(int port) {
        for (String table : new String[] {"tcp", "tcp6"}) {
            try {
                List<String> lines = Files.readAllLines(Path.of("/proc/net/" + table));
                for (String l : lines.subList(1, lines.size())) {
                    String[] f = l.trim().split("\\s+");
                    if (f.length > 3 && "0A".equals(f[3])
                            && Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16) == port) {
                        return true;
                    }
                }
            } catch (IOException ignored) {
                // no such table
            }
        }
        return false;
    }

    /** True when every listening socket is on a loopback address. */
    public static boolean allLoopback(List<String> addresses) {
        return addresses.stream().allMatch(a -> a.startsWith("127.") || a.startsWith("::ffff:127.")
                || a.startsWith("::1:"));
    }

    private static String decode(String hexAddrPort) {
        String[] p = hexAddrPort.split(":");
        int port = Integer.parseInt(p[1], 16);
        String h = p[0];
        if (h.length() == 8) {
            return ipv4(h, 0) + ":" + port;
        }
        // IPv6: 4 little-endian 32-bit words
        if (h.startsWith("0000000000000000FFFF0000")) {
            return "::ffff:" + ipv4(h, 24) + ":" + port;
        }
        if ("00000000000000000000000001000000".equals(h)) {
            return "::1:" + port;
        }
        if ("00000000000000000000000000000000".equals(h)) {
            return ":::" + port;
        }
        return h + ":" + port;
    }

    private static String ipv4(String h, int off) {
        StringBuilder sb = new StringBuilder();
        for (int i = 3; i >= 0; i--) {
            sb.append(Integer.parseInt(h.substring(off + i * 2, off + i * 2 + 2), 16));
            if (i > 0) {
                sb.append('.');
            }
        }
        return sb.toString();
    }
}
