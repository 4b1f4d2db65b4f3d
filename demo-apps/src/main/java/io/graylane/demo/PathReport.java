package io.graylane.demo;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The demo's table: for each request class, the paths its requests took (HTTP → HTTP → Dubbo, then the message leg,
 * then the job leg) with counts; every request whose path is not its lane's is a failure, and so is a baseline request
 * that touched a gray instance anywhere, a gray request the load balancer did not send to web-gray, or a bucket share
 * far from the rule's.
 */
final class PathReport {
    private PathReport() {
    }

    static void print(Map<String, List<DemoRunner.Result>> classes, Trails trails, Consumer<String> say,
                      List<String> failures) throws IOException {
        System.out.println();
        System.out.printf("%-40s %-9s %5s  %s%n", "request class", "lane", "count",
                "path: HTTP → HTTP (OpenFeign) → Dubbo ⇒ RocketMQ → A → B ⇒ LTS job on");
        System.out.println("-".repeat(130));
        int grayInBucket = 0;
        int bucketUsers = 0;
        int[] webGray = {0, 0}; // gray requests, baseline requests served by web-gray
        int[] requests = {0, 0};
        for (Map.Entry<String, List<DemoRunner.Result>> e : classes.entrySet()) {
            Map<String, Integer> paths = new TreeMap<>();
            for (DemoRunner.Result r : e.getValue()) {
                List<String> mq = trails.mq(r.requestId());
                String mqPath = mq.isEmpty() ? "(no message consumed)" : String.join(" + ", mq);
                List<String> job = trails.jobs(r.requestId());
                String jobPath = job.isEmpty() ? "(no job ran)" : String.join(" + ", job);
                boolean gray = "gray".equals(r.expectedLane());
                requests[gray ? 0 : 1]++;
                if (r.sync().contains(">web-gray[")) {
                    webGray[gray ? 0 : 1]++;
                }
                String key = (gray ? "gray" : "baseline") + "\t" + r.sync() + " ⇒ " + mqPath + " ⇒ " + jobPath;
                paths.merge(key, 1, Integer::sum);
                String wantSync = gray ? DemoRunner.GRAY_SYNC : DemoRunner.BASE_SYNC;
                String wantMq = gray ? DemoRunner.GRAY_MQ : DemoRunner.BASE_MQ;
                if (!wantSync.equals(r.sync())) {
                    failures.add(e.getKey() + ": user " + r.user().userId() + " (" + r.expectedLane() + ") took "
                            + r.sync() + ", expected " + wantSync);
                }
                if (mq.size() != 1 || !wantMq.equals(mq.get(0))) {
                    failures.add(e.getKey() + ": user " + r.user().userId() + " (" + r.expectedLane()
                            + ") message leg " + mq + ", expected exactly [" + wantMq + "]");
                }
                String wantJob = gray ? DemoRunner.GRAY_JOB : DemoRunner.BASE_JOB;
                if (job.size() != 1 || !wantJob.equals(job.get(0))) {
                    failures.add(e.getKey() + ": user " + r.user().userId() + " (" + r.expectedLane()
                            + ") job leg " + job + ", expected exactly [" + wantJob + "]");
                }
                if (!gray && (r.sync().contains("gray") || mqPath.contains("gray") || jobPath.contains("gray"))) {
                    failures.add("baseline request " + r.requestId() + " touched gray: " + r.sync() + " ⇒ " + mqPath
                            + " ⇒ " + jobPath);
                }
                if (e.getKey().startsWith("200 users")) {
                    bucketUsers++;
                    if (r.sync().startsWith("gateway[gray]")) {
                        grayInBucket++;
                    }
                }
            }
            for (Map.Entry<String, Integer> p : paths.entrySet()) {
                String[] lanePath = p.getKey().split("\t", 2);
                System.out.printf("%-40s %-9s %5d  %s%n", e.getKey(), lanePath[0], p.getValue(), lanePath[1]);
            }
        }
        System.out.println("-".repeat(130));
        say.accept(String.format("HTTP hop gateway → demo-web (OpenFeign, Spring Cloud LoadBalancer, Nacos discovery):"
                + " %d of %d gray requests on web-gray, %d of %d baseline requests on web-gray", webGray[0], requests[0],
                webGray[1], requests[1]));
        if (webGray[0] != requests[0] || webGray[1] != 0) {
            failures.add(String.format("HTTP hop: %d of %d gray requests on web-gray (all expected), %d baseline"
                    + " requests on web-gray (0 expected)", webGray[0], requests[0], webGray[1]));
        }
        double share = bucketUsers == 0 ? 0 : 100.0 * grayInBucket / bucketUsers;
        say.accept(String.format("bucket: %d of %d hz/5.3.0 users went gray (%.1f %%; the rule says 20 %%)", grayInBucket,
                bucketUsers, share));
        if (share < 12 || share > 28) {
            failures.add(String.format("bucket share %.1f %% is outside 20 %% ± 8", share));
        }
        System.out.println();
    }
}
