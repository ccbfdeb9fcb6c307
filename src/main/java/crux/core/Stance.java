package crux.core;

/** A member's stance on an item; {@link #value()} is how camps are computed (agree +1, unsure 0, disagree −1). */
public enum Stance {
    AGREE(1),
    UNSURE(0),
    DISAGREE(-1);

    private final int value;

    Stance(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }
}
