package crux.archfixture.cycleb;

import crux.archfixture.cyclea.A;

/** The other half of the cycle that ArchitectureTest must refuse. Test code only. */
public final class B {

    public int size() {
        return 1;
    }

    public A back() {
        return new A();
    }
}
