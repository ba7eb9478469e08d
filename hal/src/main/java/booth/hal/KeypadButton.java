package booth.hal;

/** The five keys of the LCD plate, pressed by visitors. */
public enum KeypadButton implements Key {
    SELECT, RIGHT, DOWN, UP, LEFT
}
