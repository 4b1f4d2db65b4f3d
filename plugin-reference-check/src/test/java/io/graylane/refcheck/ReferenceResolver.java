package io.graylane.refcheck;

import net.bytebuddy.jar.asm.Opcodes;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Resolves a {@link Reference} in one framework version the way the JVM links it: the type must exist; a method or
 * field may be declared by the owner or any of its super classes and super interfaces (java.lang.Object included,
 * from the JDK: an interface's class file names it as its super class), a constructor only by the owner; it must be
 * static exactly when the instruction says so, the owner must be an interface exactly when the instruction says so,
 * and it must not be private or package-private (plugin code is never in a framework package). Returns null when the
 * reference links, else what is wrong, e.g. {@code missing}.
 */
final class ReferenceResolver {
    private final VersionClassPath classPath;

    ReferenceResolver(VersionClassPath classPath) {
        this.classPath = classPath;
    }

    String problem(Reference ref) {
        ClassInfo owner = classPath.find(ref.owner());
        if (owner == null) {
            return ref.kind() == Reference.Kind.TYPE ? "missing" : null; // reported once, as the missing type
        }
        if (ref.kind() == Reference.Kind.TYPE) {
            return null;
        }
        if (ref.onInterface() != null && ref.onInterface() != owner.isInterface()) {
            return "called as " + (ref.onInterface() ? "an interface" : "a class") + " member but "
                    + ref.ownerName() + " is " + (owner.isInterface() ? "an interface" : "a class");
        }
        Set<String> unreadable = new LinkedHashSet<>();
        Integer access = find(owner, ref, unreadable);
        if (access == null) {
            return unreadable.isEmpty() ? "missing"
                    : "not found, and super type(s) " + unreadable + " are not on the class path checked";
        }
        boolean isStatic = (access & Opcodes.ACC_STATIC) != 0;
        if (ref.statik() != null && ref.statik() != isStatic) {
            return "is " + (isStatic ? "static" : "an instance member") + ", used as "
                    + (ref.statik() ? "static" : "an instance member");
        }
        if ((access & Opcodes.ACC_PRIVATE) != 0) {
            return "is private";
        }
        if ((access & (Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED)) == 0) {
            return "is package-private";
        }
        return null;
    }

    /**
     * The access flags of the member found as JVMS 5.4.3.2/5.4.3.3 look it up, or null. Methods: the owner and its
     * super classes, then the non-private, non-static methods of all its super interfaces. Fields: the owner, its
     * super interfaces (recursively), then its super class.
     */
    private Integer find(ClassInfo owner, Reference ref, Set<String> unreadable) {
        if (ref.kind() == Reference.Kind.FIELD) {
            return findField(owner, ref.name() + ":" + ref.descriptor(), unreadable, new HashSet<>());
        }
        String key = ref.name() + ref.descriptor();
        if (ref.name().equals("<init>")) {
            return owner.methods.get(key); // invokespecial <init> fails unless the named class declares it
        }
        Deque<ClassInfo> interfaces = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        for (ClassInfo c = owner; c != null; c = c.superName == null ? null : read(c.superName, unreadable)) {
            Integer access = c.methods.get(key);
            if (access != null) {
                return access;
            }
            for (String i : c.interfaces) {
                enqueue(i, interfaces, seen, unreadable);
            }
        }
        while (!interfaces.isEmpty()) {
            ClassInfo i = interfaces.poll();
            Integer access = i.methods.get(key);
            if (access != null && (access & (Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC)) == 0) {
                return access;
            }
            for (String s : i.interfaces) {
                enqueue(s, interfaces, seen, unreadable);
            }
        }
        return null;
    }

    private Integer findField(ClassInfo c, String key, Set<String> unreadable, Set<String> seen) {
        if (!seen.add(c.name)) {
            return null;
        }
        Integer access = c.fields.get(key);
        if (access != null) {
            return access;
        }
        for (String i : c.interfaces) {
            ClassInfo info = read(i, unreadable);
            access = info == null ? null : findField(info, key, unreadable, seen);
            if (access != null) {
                return access;
            }
        }
        ClassInfo sup = c.superName == null ? null : read(c.superName, unreadable);
        return sup == null ? null : findField(sup, key, unreadable, seen);
    }

    private void enqueue(String name, Deque<ClassInfo> queue, Set<String> seen, Set<String> unreadable) {
        if (seen.add(name)) {
            ClassInfo info = read(name, unreadable);
            if (info != null) {
                queue.add(info);
            }
        }
    }

    private ClassInfo read(String name, Set<String> unreadable) {
        ClassInfo info = classPath.find(name);
        if (info == null) {
            unreadable.add(name.replace('/', '.'));
        }
        return info;
    }
}
