package booth.hal.plate;

/**
 * Electrical polarity of a plate, in case a kit differs from Adafruit's usual one.
 *
 * @param ledsLitLow    an LED pin driven low lights the LED (the usual kit: true)
 * @param keysPressedLow a pressed key reads 0 against its pull-up (the usual kit: true)
 */
public record PlatePolarity(boolean ledsLitLow, boolean keysPressedLow) {
    public static final PlatePolarity ADAFRUIT = new PlatePolarity(true, true);
}
