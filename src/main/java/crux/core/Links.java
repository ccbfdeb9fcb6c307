package crux.core;

/** Turns a target into the address of its page. The web side's one URL builder implements it. */
@FunctionalInterface
public interface Links {

    String to(Target target);
}
