package io.graylane.demo;

import io.graylane.rules.Attributes;
import io.graylane.rules.RuleDocument;
import io.graylane.rules.RuleDocuments;
import io.graylane.testkit.MariaDbServer;
import io.graylane.testkit.NacosServer;
import io.graylane.testkit.RocketMqServer;
import io.graylane.testkit.ZooKeeperServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The closed-loop demo: real Nacos and RocketMQ, a gateway, web-base, web-gray and A-base, A-gray, B-base, C-base, C-gray as separate
 * JVMs with the agent, the rule document pushed through Nacos' HTTP API, traffic, a table of the paths taken, a live
 * rule change, and the verdict as the last line: {@code CLOSED LOOP: PASS} (exit 0) or {@code CLOSED LOOP: FAIL}.
 * {@code --keep} leaves everything running until Enter or Ctrl-C.
 */
public final class DemoRunner {
    static final String DATA_ID = "graylane-demo-rules.json";
    static final String GRAY_SYNC = "gateway[gray]>web-gray[gray]>A-gray[gray]>B-base[gray]>C-gray[gray]";
    static final String GRAY_MQ = "A-gray[gray]>B-base[gray]";
    static final String BASE_SYNC = "gateway[-]>web-base[-]>A-base[-]>B-base[-]>C-base[-]";
    static final String BASE_MQ = "A-base[-]>B-base[-]";
    static final String GRAY_JOB = "C-gray[gray]";
    static final String BASE_JOB = "C-base[-]";

    private final Path work;
    private final Trails trails;
    private final Path agentJar;
    private DemoApps apps;
    private final List<String> failures = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final long t0 = System.nanoTime();
    private int gatewayPort;
    private int seq;

    DemoRunner(Path work, Path agentJar) throws IOException {
        this.work = work;
        this.trails = new Trails(work.resolve("mq-trails"));
        this.agentJar = agentJar;

    }

    static String rules(boolean laneOn) {
        return "{\n"
                + "  \"version\": \"demo-" + (laneOn ? "on" : "off") + "\",\n"
                + "  \"application\": \"graylane-demo\",\n"
                + "  \"lanes\": {\n"
                + "    \"gray\": {\n"
                + "      \"priority\": 1,\n"
                + "      \"enabled\": " + laneOn + ",\n"
                + "      \"whitelist\": {\"subject\": \"userId\", \"values\": [\"120\"]},\n"
                + "      \"rules\": [{\"conditions\": [\n"
                + "        {\"type\": \"STRING\", \"subject\": \"region\", \"predicate\": \"EQ\", \"objects\": [\"hz\"]},\n"
                + "        {\"type\": \"VERSION\", \"subject\": \"appVersion\", \"predicate\": \"GTE\", \"objects\": [\"5.2.0\"]}\n"
                + "      ]}],\n"
                + "      \"bucket\": {\"key\": \"userId\", \"rate\": 2000}\n"
                + "    }\n"
                + "  }\n"
                + "}\n";
    }

    public static void main(String[] args) throws Exception {
        boolean keep = List.of(args).contains("--keep");
        Path repo = Paths.get(System.getProperty("demo.repo", ".")).toAbsolutePath().normalize();
        Path agent = repo.resolve("agent-dist/target/graylane-agent.jar");
        if (!Files.isRegularFile(agent)) {
            System.err.println("the agent jar is missing: " + agent + " (./demo.sh builds it)");
            System.exit(2);
        }
        Path work = repo.resolve("demo-apps/target/demo-run-" + System.currentTimeMillis());
        DemoRunner demo = new DemoRunner(work, agent);
        int exit;
        try {
            exit = demo.run(keep);
        } catch (Throwable t) {
            System.out.println("error: " + t);
            t.printStackTrace(System.out);
            System.out.println("CLOSED LOOP: FAIL (" + t + ")");
            exit = 1;
        } finally {
            demo.stopApps();
        }
        System.exit(exit);
    }

    int run(boolean keep) throws Exception {
        say("starting Nacos 3.1, RocketMQ 5.3, ZooKeeper and MariaDB 11.4 on 127.0.0.1 (Nacos takes 10–40 s on 2 cores)…");
        CompletableFuture<RocketMqServer> mqF = CompletableFuture.supplyAsync(
                () -> RocketMqServer.start(true, ChainApp.TOPIC));
        CompletableFuture<ZooKeeperServer> zkF = CompletableFuture.supplyAsync(ZooKeeperServer::start);
        CompletableFuture<MariaDbServer> dbF = CompletableFuture.supplyAsync(MariaDbServer::start);
        try (NacosServer nacos = NacosServer.start(); RocketMqServer mq = mqF.get(5, TimeUnit.MINUTES);
             ZooKeeperServer zk = zkF.get(3, TimeUnit.MINUTES); MariaDbServer db = dbF.get(3, TimeUnit.MINUTES)) {
            say("RocketMQ ready: namesrv " + mq.namesrvAddr());
            say("ZooKeeper ready: " + zk.connectString() + "; MariaDB ready on port " + db.port());
            db.createDatabase("lts_demo");
            say("Nacos ready: " + nacos.serverAddr() + ", console " + nacos.consoleUrl());
            String doc = rules(true);
            if (!nacos.publishConfig(DATA_ID, NacosServer.DEFAULT_GROUP, doc, "json")) {
                throw new IllegalStateException("Nacos refused the rule document");
            }
            say("rule document published to Nacos (dataId " + DATA_ID + ", group DEFAULT_GROUP): lane gray = "
                    + "userId 120, or 20 % of users (bucket on userId) in region hz with appVersion >= 5.2.0");
            apps = new DemoApps(work, agentJar, trails.dir(), DATA_ID, this::say);
            try {
                apps.start(nacos.serverAddr(), mq.namesrvAddr(), zk.connectString(),
                        db.jdbcUrl("lts_demo") + "?useSSL=false&useUnicode=true&characterEncoding=UTF-8");
                gatewayPort = apps.gatewayPort();
                warmUp();
                RuleDocument expected = RuleDocuments.parse(doc);

                Map<String, List<Result>> classes = new LinkedHashMap<>();
                classes.put("whitelisted user 120", drive(expected, 5, i -> user("120", "sh", "4.0.0")));
                classes.put("200 users in hz on 5.3.0 (20 % bucket)",
                        drive(expected, 200, i -> user("u" + (1000 + i), "hz", "5.3.0")));
                classes.put("100 users in sh on 5.3.0", drive(expected, 100, i -> user("u" + (5000 + i), "sh", "5.3.0")));
                classes.put("50 users in hz on 5.1.0", drive(expected, 50, i -> user("u" + (7000 + i), "hz", "5.1.0")));
                say("waiting for the message leg (C → RocketMQ → A → B) and the job leg (A → LTS → C) of every request…");
                awaitMessages(classes, mq);
                PathReport.print(classes, trails, this::say, failures);
                new CronCheck(trails, BASE_JOB).report(this::say, failures);

                say("turning lane gray off in Nacos (the rule document's lane gets \"enabled\": false)…");
                long published = System.nanoTime();
                nacos.publishConfig(DATA_ID, NacosServer.DEFAULT_GROUP, rules(false), "json");
                String[] path = {null};
                boolean back = poll(Duration.ofSeconds(30), () -> {
                    path[0] = callQuietly(user("120", "sh", "4.0.0"), "live-" + (seq++));
                    return BASE_SYNC.equals(path[0]);
                });
                double ms = (System.nanoTime() - published) / 1e6;
                if (back) {
                    // measured and shown, not judged: the time depends on the machine's load (benches measure it)
                    say(String.format("user 120 back on baseline %.0f ms after the publish: %s", ms, path[0]));
                } else {
                    failures.add("user 120 still not on baseline 30 s after the lane was turned off: " + path[0]);
                }

                if (keep) {
                    say("everything stays up. Nacos console: " + nacos.consoleUrl() + " (dataId " + DATA_ID
                            + "); gateway: http://127.0.0.1:" + gatewayPort + "/order?id=x&userId=120");
                    say("edit the rule in the console and call the gateway to watch; press Enter (or Ctrl-C) to stop");
                    System.in.read();
                }
            } finally {
                stopApps(); // before the servers they use go away
            }
        }
        if (failures.isEmpty()) {
            System.out.println(String.format("(finished in %.0f s)", seconds()));
            System.out.println("CLOSED LOOP: PASS");
            return 0;
        }
        System.out.println("reasons:");
        failures.forEach(f -> System.out.println("  - " + f));
        System.out.println("CLOSED LOOP: FAIL");
        return 1;
    }

    record User(String userId, String region, String appVersion) {
        String query() {
            return "userId=" + userId + "&region=" + region + "&appVersion=" + appVersion;
        }
    }

    record Result(User user, String expectedLane, String requestId, String sync) {
    }

    static User user(String id, String region, String version) {
        return new User(id, region, version);
    }

    interface Users {
        User at(int i);
    }

    List<Result> drive(RuleDocument expected, int n, Users users) throws Exception {
        List<Result> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            User u = users.at(i);
            String lane = expected.decideLane(Attributes.of("userId", u.userId(), "region", u.region(),
                    "appVersion", u.appVersion()));
            String id = "r" + (seq++);
            out.add(new Result(u, lane == null ? "baseline" : lane, id, call(u, id)));
        }
        return out;
    }

    String call(User u, String id) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort
                + "/order?id=" + id + "&" + u.query())).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? r.body().trim() : "HTTP " + r.statusCode() + " " + r.body();
    }

    String callQuietly(User u, String id) {
        try {
            return call(u, id);
        } catch (Exception e) {
            return e.toString();
        }
    }

    /**
     * Waits until every request's message was consumed (a trail file each) and both consumer groups have no lag on
     * the broker (every delivery, a duplicate included, happened and was acknowledged); the report then judges what
     * arrived. Returns after 60 s whatever the state: the report names what is missing.
     */
    void awaitMessages(Map<String, List<Result>> classes, RocketMqServer mq) {
        boolean done = poll(Duration.ofSeconds(60), () -> {
            try {
                for (List<Result> l : classes.values()) {
                    for (Result r : l) {
                        if (trails.mq(r.requestId()).isEmpty() || trails.jobs(r.requestId()).isEmpty()) {
                            return false;
                        }
                    }
                }
            } catch (IOException e) {
                return false;
            }
            return mq.consumerLag(ChainApp.CONSUMER_GROUP) == 0 && mq.consumerLag(ChainApp.CONSUMER_GROUP + "_gray") == 0;
        });
        if (!done) {
            say("not every message or job leg completed within 60 s (or a consumer group kept a lag); reporting what"
                    + " arrived");
        }
    }

    void warmUp() {
        say("waiting until both lanes route end to end (registration, discovery, consumer groups, TaskTrackers)…");
        // a gray and a baseline request; when both took their HTTP/Dubbo path, wait up to 5 s for both message legs,
        // else send a new pair. Both TaskTrackers must have run a warm-up job (wherever and in whichever lane: the
        // table judges that), so that no job of the measured traffic is placed while one of them is still joining.
        String[] pair = {null, null};
        long[] pairSent = {0};
        List<String> warmUpIds = new ArrayList<>();
        String what = "gray and baseline paths, both message legs, a job run by each TaskTracker";
        awaitTrue(what, Duration.ofSeconds(150), () -> {
            try {
                if (pair[0] == null || System.nanoTime() - pairSent[0] > TimeUnit.SECONDS.toNanos(5)) {
                    String g = "w" + (seq++);
                    String b = "w" + (seq++);
                    warmUpIds.add(g);
                    warmUpIds.add(b);
                    boolean sync = GRAY_SYNC.equals(call(user("120", "sh", "4.0.0"), g))
                            & BASE_SYNC.equals(call(user("u9", "sh", "4.0.0"), b));
                    pair[0] = sync ? g : null;
                    pair[1] = b;
                    pairSent[0] = System.nanoTime();
                    return false;
                }
                Set<String> ranJobs = new HashSet<>();
                for (String id : warmUpIds) {
                    for (String t : trails.jobs(id)) {
                        ranJobs.add(t.substring(0, t.indexOf('[')));
                    }
                }
                return List.of(GRAY_MQ).equals(trails.mq(pair[0])) && List.of(BASE_MQ).equals(trails.mq(pair[1]))
                        && ranJobs.containsAll(List.of("C-gray", "C-base"));
            } catch (Exception e) {
                return false;
            }
        });
        say("both lanes route end to end");
    }

    void stopApps() {
        if (apps != null) {
            apps.close();
            apps = null;
        }
    }

    /** Waits for the condition (checked every 50 ms); throws when it is still false after the timeout. */
    void awaitTrue(String what, Duration timeout, BooleanSupplier condition) {
        long nextNote = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + " (logs under " + work + ")");
            }
            if (System.nanoTime() > nextNote) {
                say("still waiting for " + what + "…");
                nextNote = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            }
            pause();
        }
    }

    /** Like {@link #awaitTrue} but answers whether the condition came true instead of throwing. */
    boolean poll(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            pause();
        }
        return true;
    }

    private static void pause() {
        try {
            Thread.sleep(50); // the polling interval of a condition, not a wait for something
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    double seconds() {
        return (System.nanoTime() - t0) / 1e9;
    }

    void say(String s) {
        System.out.printf("[%5.1fs] %s%n", seconds(), s);
        System.out.flush();
    }
}
