package dev.baton.steps;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretTest {

    @Test
    void showsItsNameNeverAValue() {
        assertThat(Secret.named("API_TOKEN")).hasToString("<secret:API_TOKEN>");
        assertThat(Secret.named("API_TOKEN").formatted("Bearer %s")).hasToString("Bearer <secret:API_TOKEN>");
        assertThat(Secret.named("db/password").name()).isEqualTo("db/password");
    }

    @Test
    void aTemplateEmbedsTheValueLiterally() {
        Secret secret = Secret.named("PW").formatted("--password=%s;100%d");
        SecretScope scope = new SecretScope(Map.of("PW", "pa55word")::get);

        assertThat(scope.resolve(secret)).isEqualTo("--password=pa55word;100%d");
    }

    @Test
    void invalidNamesAndTemplatesFailNamingTheField() {
        assertThatThrownBy(() -> Secret.named(" ")).hasMessage("secret name must not be blank, was ' '");
        assertThatThrownBy(() -> Secret.named(null)).hasMessage("secret name must not be blank, was null");
        assertThatThrownBy(() -> Secret.named("A\nB")).hasMessage("secret name must not contain control characters, was 'A?B'");
        assertThatThrownBy(() -> Secret.named("T").formatted("Bearer")).hasMessage("template must contain exactly one %s, was 'Bearer'");
        assertThatThrownBy(() -> Secret.named("T").formatted("%s:%s")).hasMessage("template must contain exactly one %s, was '%s:%s'");
    }

    @Test
    void equalWhenNameAndTemplateAre() {
        assertThat(Secret.named("A")).isEqualTo(Secret.named("A")).hasSameHashCodeAs(Secret.named("A"))
                .isNotEqualTo(Secret.named("B")).isNotEqualTo(Secret.named("A").formatted("x%s"));
    }

    @Test
    void masksEveryResolvedValueButNotOnesShorterThanThreeCharacters() {
        SecretScope scope = new SecretScope(Map.of("LONG", "abcdef", "INNER", "abc", "SHORT", "xy",
                "KEY", "-----BEGIN KEY-----\nMIIBOgIBAAJBAK\n-----END KEY-----")::get);
        scope.resolve(Secret.named("INNER"));
        scope.resolve(Secret.named("LONG"));
        scope.resolve(Secret.named("SHORT"));
        scope.resolve(Secret.named("KEY"));

        assertThat(scope.mask("abcdef abc xy")).isEqualTo("*** *** xy");
        assertThat(scope.mask("line: MIIBOgIBAAJBAK")).isEqualTo("line: ***");
        assertThat(scope.mask(null)).isNull();
    }

    @Test
    void replacesALibraryExceptionWhoseMessageQuotesAValue() {
        SecretScope scope = new SecretScope(Map.of("PW", "pa55word")::get);
        scope.resolve(Secret.named("PW"));
        IllegalStateException plain = new IllegalStateException("nothing secret");
        RuntimeException leaky = new RuntimeException("outer", new IllegalStateException("bad password pa55word"));

        assertThat(scope.sanitize(plain)).isSameAs(plain);
        Throwable sanitized = scope.sanitize(leaky);
        assertThat(sanitized).hasMessage("java.lang.RuntimeException: outer")
                .cause().hasMessage("java.lang.IllegalStateException: bad password ***");
        assertThat(sanitized.getStackTrace()).isEqualTo(leaky.getStackTrace());
    }
}
