package io.graylane.testkit;

/** Test helper main: starts a ZooKeeper, prints its pid, then waits to be killed. */
public final class OrphanProbe {

    public static void main(String[] args) throws Exception {
        ZooKeeperServer zk = ZooKeeperServer.start();
        System.out.println("CHILD " + zk.pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
