package booth.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A document built without a JSON library: fields in the order put, nulls and numbers as given. */
class JsonOutTest {
    @Test
    void fieldsInTheOrderPut() {
        JsonOut o = JsonOut.versioned().put("name", "a \"b\"").put("count", 3).put("ratio", 0.5)
                .put("exact", new BigDecimal("1.50")).put("missing", (String) null).put("none", (Long) null)
                .put("ok", true).putNull("gone");
        o.putObject("inner").put("x", 1L);
        JsonOut.Array a = o.putArray("list").add("s").add(2).addAll(List.of("t", "u"));
        a.addObject().put("y", (Double) null);
        assertEquals("{\"v\":1,\"name\":\"a \\\"b\\\"\",\"count\":3,\"ratio\":0.5,\"exact\":1.50,\"missing\":null,"
                + "\"none\":null,\"ok\":true,\"gone\":null,\"inner\":{\"x\":1},\"list\":[\"s\",2,\"t\",\"u\",{\"y\":null}]}\n",
                o.line());
        assertEquals(o.line().strip(), o.toString());
        assertEquals("{}\n", JsonOut.object().line());
    }
}
