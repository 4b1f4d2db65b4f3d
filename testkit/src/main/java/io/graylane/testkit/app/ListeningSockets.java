package io.graylane.testkit.app;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The TCP sockets a process listens on, from Linux's {@code /proc/<pid>/fd} (socket inodes) and
 * {@code /proc/net/tcp}/{@code tcp6} (state {@code 0A} = LISTEN).
 */
final class ListeningSockets {
    record Socket(String address, int port) {
        boolean loopback() {
            return address.startsWith("127.") || address.equals("::1") || address.startsWith("::ffff:127.");
        }

        @Override
        public String toString() {
            return address + ":" + port;
        }
    }

    private ListeningSockets() {
    }

    static List<Socket> of(long pid) {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Paths.get("/proc", String.valueOf(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException ignored) {
                    // closed meanwhile
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read the sockets of pid " + pid + " (Linux /proc needed)", e);
        }
        List<Socket> out = new ArrayList<>();
        read(Paths.get("/proc/net/tcp"), false, inodes, out);
        read(Paths.get("/proc/net/tcp6"), true, inodes, out);
        return out;
    }

    private static void read(Path table, boolean v6, Set<String> inodes, List<Socket> out) {
        List<String> rows;
        try {
            rows = Files.readAllLines(table);
        } catch (IOException e) {
            return;
        }
        for (int i = 1; i < rows.size(); i++) {
            String[] f = rows.get(i).trim().split("\\s+");
            if (f.length < 10 || !"0A".equals(f[3]) || !inodes.contains(f[9])) {
                continue;
            }
            String[] local = f[1].split(":");
            out.add(new Socket(v6 ? ipv6(local[0]) : ipv4(local[0]), Integer.parseInt(local[1], 16)));
        }
    }

    /** /proc/net/tcp holds the address as a little-endian 32-bit hex number. */
    static String ipv4(String hex) {
        long v = Long.parseLong(hex, 16);
        return (v & 0xff) + "." + ((v >> 8) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 24) & 0xff);
    }

    /** Four little-endian 32-bit words; only the forms a test needs are named (::, ::1, ::ffff:a.b.c.d). */
    static String ipv6(String hex) {
        String[] words = new String[4];
        for (int w = 0; w < 4; w++) {
            String word = hex.substring(w * 8, w * 8 + 8);
            words[w] = word.substring(6, 8) + word.substring(4, 6) + word.substring(2, 4) + word.substring(0, 2);
        }
        String all = String.join("", words).toLowerCase();
        if (all.equals("00000000000000000000000000000000")) {
            return "::";
        }
        if (all.equals("00000000000000000000000000000001")) {
            return "::1";
        }
        if (all.startsWith("00000000000000000000ffff")) {
            return "::ffff:" + ipv4(hex.substring(24, 32));
        }
        return all;
    }
}
