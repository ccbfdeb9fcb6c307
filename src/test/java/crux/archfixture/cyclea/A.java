package crux.archfixture.cyclea;

import crux.archfixture.cycleb.B;

/** Half of a cycle between two packages: what ArchitectureTest must refuse. Test code only. */
public final class A {

    public int viaB() {
        return new B().size();
    }
}
