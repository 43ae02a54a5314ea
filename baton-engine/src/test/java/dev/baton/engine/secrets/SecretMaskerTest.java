package dev.baton.engine.secrets;

import dev.baton.StepKind;
import dev.baton.StepStatus;
import dev.baton.engine.store.StepRow;
import dev.baton.engine.store.Write;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretMaskerTest {
    @Test
    void registeredValuesAreReplacedInTextAndInEveryTextFieldOfAWrite() {
        SecretMasker masker = new SecretMasker();
        assertThat(masker.mask("nothing registered: hunter2")).isEqualTo("nothing registered: hunter2");
        masker.register("hunter2");
        masker.register("p\"ss\\word");
        assertThat(masker.mask("login with hunter2 failed")).isEqualTo("login with *** failed");
        assertThat(masker.mask("{\"pw\":\"p\\\"ss\\\\word\"}")).isEqualTo("{\"pw\":\"***\"}");
        Write masked = masker.mask(new Write.UpsertStep(new StepRow("r", 1, "s", StepKind.STEP, StepStatus.FAILED, 1, 0,
                null, null, "\"hunter2\"", "java.lang.String", "{\"message\":\"bad hunter2\"}", "detail hunter2")));
        StepRow row = ((Write.UpsertStep) masked).step();
        assertThat(row.output()).isEqualTo("\"***\"");
        assertThat(row.error()).doesNotContain("hunter2");
        assertThat(row.detail()).isEqualTo("detail ***");
    }

    @Test
    void theLongestSecretIsMaskedWholeAndVeryShortValuesAreNotMasked() {
        SecretMasker masker = new SecretMasker();
        masker.register("abc");
        masker.register("abcdef");
        masker.register("xy");
        assertThat(masker.mask("abcdef abc xy")).isEqualTo("*** *** xy");
    }
}
