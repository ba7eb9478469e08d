package booth.hal;

/** A physical button of a client box: one of the plate's five keys, or a PiTFT staff button. */
public sealed interface Key permits KeypadButton, StaffButton {
}
