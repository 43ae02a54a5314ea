package dev.baton.engine.codec;

import dev.baton.InvalidInputException;
import dev.baton.PayloadException;
import dev.baton.RecordedFailure;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodecTest {
    record Order(String id, long cents, LocalDate day) {
    }

    record Batch(String name, List<Order> orders) {
    }

    private final Codec codec = new Codec();

    private Object roundTrip(Object value) {
        Encoded encoded = codec.encode(value, "test value");
        return codec.decode(encoded.json(), encoded.type(), "test value");
    }

    @Test
    void aListOfRecordsComesBackAsRecordsNotMaps() {
        List<Order> orders = List.of(new Order("a", 5, LocalDate.of(2026, 2, 28)), new Order("b", 7, null));
        Object back = roundTrip(orders);
        assertThat(back).isEqualTo(orders);
        assertThat(((List<?>) back).get(0)).isInstanceOf(Order.class);
    }

    @Test
    void nestedGenericContainersKeepTheirElementTypes() {
        Map<String, List<Order>> byDay = Map.of("mon", List.of(new Order("a", 1, null)));
        assertThat(roundTrip(byDay)).isEqualTo(byDay);
        Set<Long> longs = Set.of(1L, 2L);
        Object back = roundTrip(longs);
        assertThat(back).isEqualTo(longs);
        assertThat(((Set<?>) back).iterator().next()).isInstanceOf(Long.class);
    }

    @Test
    void recordsWithGenericFieldsAndScalarsRoundTrip() {
        Batch batch = new Batch("x", List.of(new Order("a", 1, LocalDate.of(2024, 2, 29))));
        assertThat(roundTrip(batch)).isEqualTo(batch);
        assertThat(roundTrip(42L)).isEqualTo(42L);
        assertThat(roundTrip("text")).isEqualTo("text");
        assertThat(roundTrip(Instant.parse("2026-11-25T10:15:30.123Z"))).isEqualTo(Instant.parse("2026-11-25T10:15:30.123Z"));
        assertThat(roundTrip(Optional.of(new Order("o", 2, null)))).isEqualTo(Optional.of(new Order("o", 2, null)));
        assertThat(roundTrip(null)).isNull();
        assertThat(roundTrip(List.of())).isEqualTo(List.of());
    }

    @Test
    void aValueThatCannotBeSerializedIsRefusedNamingItsType() {
        Object notJson = new Object() {
            @SuppressWarnings("unused")
            private final Thread thread = Thread.currentThread();
        };
        assertThatThrownBy(() -> codec.encode(notJson, "result of step 'x'"))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("result of step 'x'")
                .hasMessageContaining(notJson.getClass().getName());
    }

    @Test
    void inputIsValidatedStrictlyNamingTheField() {
        assertThat(codec.normalizeInput("{\"id\":\"a\",\"cents\":3}", Order.class, "w")).contains("\"cents\":3");
        assertThatThrownBy(() -> codec.normalizeInput("{\"id\":\"a\",\"cents\":\"lots\"}", Order.class, "w"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("workflow w")
                .hasMessageContaining("cents");
        assertThatThrownBy(() -> codec.normalizeInput("{\"id\":\"a\",\"cents\":3,\"centz\":3}", Order.class, "w"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown field 'centz'");
        assertThatThrownBy(() -> codec.normalizeInput("{\"id\":", Order.class, "w"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line 1");
    }

    @Test
    void errorsKeepTypeHierarchyAndStackTrace() {
        var info = codec.errorInfo(new java.io.FileNotFoundException("missing.csv"));
        assertThat(info.type()).isEqualTo("java.io.FileNotFoundException");
        assertThat(info.types()).contains(IOException.class.getName(), Exception.class.getName());
        assertThat(info.stackTrace()).contains("CodecTest");
        var back = codec.parseError(codec.errorJson(info));
        assertThat(back).isEqualTo(info);
        var recorded = codec.errorInfo(new RecordedFailure("com.acme.Boom", "bang", "trace"));
        assertThat(recorded.type()).isEqualTo("com.acme.Boom");
        assertThat(recorded.message()).isEqualTo("bang");
    }
}
