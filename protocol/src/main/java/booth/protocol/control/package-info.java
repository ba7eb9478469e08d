/**
 * The control socket's protocol, version 1: line-delimited JSON over a Unix domain socket,
 * between the client daemon and whoever controls it (democtl, the chaos soak). The contract,
 * field by field, is {@code docs/control-protocol.md}; this package is its one implementation.
 *
 * <p>Every request is one JSON object on one line, {@code {"v":1,"cmd":"status"}}
 * ({@link booth.protocol.control.ControlRequest}, read and written by
 * {@link booth.protocol.control.RequestJson}); every request line, even a blank or broken one,
 * gets exactly one answer line, {@code {"v":1,"ok":true,...}} or
 * {@code {"v":1,"ok":false,"error":"..."}} ({@link booth.protocol.control.ControlAnswer}, read
 * and written by {@link booth.protocol.control.AnswerJson}). After {@code tail} the connection
 * carries one {@code {"v":1,"outcome":{...}}} line per outcome until the client closes it.
 * {@link booth.protocol.control.ControlClient} is the client's end of the socket.
 *
 * <p>Compatibility: within version 1, fields and commands are only ever added, and a reader
 * ignores fields it does not know. The daemon reads requests strictly (a wrong type, a key
 * twice or text after the object is an error naming the problem); its answers are read as this
 * version writes them, every field present.
 */
package booth.protocol.control;
