package io.graylane.refcheck;

/**
 * One symbolic reference from a class file into a framework: a type, or a method/field with its owner and descriptor.
 * {@code statik} and {@code onInterface} are what the instruction expects of the member and its owner (null when the
 * reference does not say: a plain type use, a method handle constant of an unknown kind).
 */
record Reference(Kind kind, String owner, String name, String descriptor, Boolean statik, Boolean onInterface) {

    enum Kind { TYPE, METHOD, FIELD }

    static Reference type(String internalName) {
        return new Reference(Kind.TYPE, internalName, null, null, null, null);
    }

    static Reference method(String owner, String name, String descriptor, boolean statik, boolean onInterface) {
        return new Reference(Kind.METHOD, owner, name, descriptor, statik, onInterface);
    }

    static Reference field(String owner, String name, String descriptor, boolean statik) {
        return new Reference(Kind.FIELD, owner, name, descriptor, statik, null);
    }

    String ownerName() {
        return owner.replace('/', '.');
    }

    /** {@code a.b.Owner}, {@code a.b.Owner.method(Ljava/lang/String;)V} or {@code a.b.Owner.field:I}. */
    @Override
    public String toString() {
        return switch (kind) {
            case TYPE -> ownerName();
            case METHOD -> ownerName() + "." + name + descriptor;
            case FIELD -> ownerName() + "." + name + ":" + descriptor;
        };
    }
}
