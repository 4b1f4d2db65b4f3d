package io.graylane.bootstrap;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A map from objects, compared by identity and held weakly, to values: an entry goes away when its key is collected.
 * Striped locks (16 segments by identity hash), so threads recording different keys rarely meet. JDK-only.
 */
final class WeakIdentityTable<V> {
    private static final int SEGMENTS = 16;

    private final Segment<V>[] segments;
    private final AtomicInteger size = new AtomicInteger();

    @SuppressWarnings("unchecked")
    WeakIdentityTable() {
        segments = new Segment[SEGMENTS];
        for (int i = 0; i < SEGMENTS; i++) {
            segments[i] = new Segment<V>(size);
        }
    }

    /** True when no entry is held (one volatile read). */
    boolean isEmpty() {
        return size.get() == 0;
    }

    /** Entries held, including ones whose key was collected and not yet purged. */
    int size() {
        return size.get();
    }

    /** Drops the entries whose key was collected, in every segment (each operation purges only its own segment). */
    void purgeAll() {
        for (Segment<V> segment : segments) {
            segment.purgeNow();
        }
    }

    void put(Object key, V value) {
        int h = hash(key);
        segments[h & (SEGMENTS - 1)].put(key, h, value);
    }

    /** Removes and returns the value for {@code key}, or null. */
    V remove(Object key) {
        int h = hash(key);
        return segments[h & (SEGMENTS - 1)].remove(key, h);
    }

    private static int hash(Object key) {
        int h = System.identityHashCode(key);
        return h ^ (h >>> 16);
    }

    private static final class Entry<V> extends WeakReference<Object> {
        final int hash;
        V value;
        Entry<V> next;

        Entry(Object key, int hash, V value, Entry<V> next, ReferenceQueue<Object> queue) {
            super(key, queue);
            this.hash = hash;
            this.value = value;
            this.next = next;
        }
    }

    private static final class Segment<V> {
        private final AtomicInteger size;
        private final ReferenceQueue<Object> queue = new ReferenceQueue<Object>();
        private Entry<V>[] table = newTable(16);
        private int count;

        Segment(AtomicInteger size) {
            this.size = size;
        }

        @SuppressWarnings("unchecked")
        private static <V> Entry<V>[] newTable(int n) {
            return new Entry[n];
        }

        synchronized void put(Object key, int hash, V value) {
            purge();
            int i = (hash >>> 4) & (table.length - 1);
            for (Entry<V> e = table[i]; e != null; e = e.next) {
                if (e.get() == key) {
                    e.value = value;
                    return;
                }
            }
            table[i] = new Entry<V>(key, hash, value, table[i], queue);
            count++;
            size.incrementAndGet();
            if (count > table.length * 3 / 4) {
                resize();
            }
        }

        synchronized V remove(Object key, int hash) {
            purge();
            int i = (hash >>> 4) & (table.length - 1);
            Entry<V> prev = null;
            for (Entry<V> e = table[i]; e != null; prev = e, e = e.next) {
                if (e.get() == key) {
                    unlink(i, prev, e);
                    e.clear();
                    return e.value;
                }
            }
            return null;
        }

        private void unlink(int i, Entry<V> prev, Entry<V> e) {
            if (prev == null) {
                table[i] = e.next;
            } else {
                prev.next = e.next;
            }
            count--;
            size.decrementAndGet();
        }

        synchronized void purgeNow() {
            purge();
        }

        /** Drops entries whose key was collected. */
        @SuppressWarnings("unchecked")
        private void purge() {
            Reference<?> r;
            while ((r = queue.poll()) != null) {
                Entry<V> stale = (Entry<V>) r;
                int i = (stale.hash >>> 4) & (table.length - 1);
                Entry<V> prev = null;
                for (Entry<V> e = table[i]; e != null; prev = e, e = e.next) {
                    if (e == stale) {
                        unlink(i, prev, e);
                        break;
                    }
                }
            }
        }

        private void resize() {
            Entry<V>[] old = table;
            Entry<V>[] grown = newTable(old.length * 2);
            for (Entry<V> head : old) {
                Entry<V> e = head;
                while (e != null) {
                    Entry<V> next = e.next;
                    int i = (e.hash >>> 4) & (grown.length - 1);
                    e.next = grown[i];
                    grown[i] = e;
                    e = next;
                }
            }
            table = grown;
        }
    }
}
