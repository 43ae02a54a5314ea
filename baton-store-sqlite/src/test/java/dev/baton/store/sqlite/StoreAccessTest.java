package dev.baton.store.sqlite;

import dev.baton.StoreConfig;
import dev.baton.access.AccessException;
import dev.baton.access.AccessException.Reason;
import dev.baton.access.NewToken;
import dev.baton.access.Role;
import dev.baton.access.Session;
import dev.baton.engine.access.StoreAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The access registry over a real SQLite store, with a clock the test moves. */
class StoreAccessTest {
    private static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");

    @TempDir
    Path folder;
    private SqliteStore store;
    private Instant now = T0;
    private StoreAccess access;

    @BeforeEach
    void open() {
        store = SqliteStore.open(StoreConfig.sqlite(folder.resolve("baton.db")));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        access = new StoreAccess(store.access(), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aPasswordIsStoredOnlyAsASaltedHashAndChecksAtLogin() {
        access.createUser("ada", Role.OPERATOR, "correct horse".toCharArray());
        String stored = store.access().user("ada").orElseThrow().passwordHash();
        assertThat(stored).startsWith("pbkdf2-sha256$600000$").doesNotContain("correct horse");

        Session session = access.login("ada", "correct horse".toCharArray(), "127.0.0.1", Duration.ofHours(1));
        assertThat(session.role()).isEqualTo(Role.OPERATOR);
        assertThat(access.session(session.secret()).orElseThrow().csrfToken()).isEqualTo(session.csrfToken());
        assertThatThrownBy(() -> access.login("ada", "wrong horse!".toCharArray(), "127.0.0.1", Duration.ofHours(1)))
                .isInstanceOf(AccessException.class).hasMessage("wrong user name or password");
    }

    @Test
    void theSixthLoginAfterFiveWrongPasswordsIsLockedEvenWithTheRightOneAndTheLockPasses() {
        access.createUser("ada", Role.ADMIN, "correct horse".toCharArray());
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> access.login("ada", "guess-guess".toCharArray(), "10.0.0.9", Duration.ofHours(1)))
                    .extracting(e -> ((AccessException) e).reason()).isEqualTo(Reason.BAD_CREDENTIALS);
        }
        assertThatThrownBy(() -> access.login("ada", "correct horse".toCharArray(), "10.0.0.9", Duration.ofHours(1)))
                .isInstanceOfSatisfying(AccessException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.LOCKED);
                    assertThat(e.retryAfterSeconds()).isEqualTo(30);
                });
        assertThat(access.lockedUntil("user:ada")).contains(T0.plusSeconds(30));

        now = T0.plusSeconds(31);
        assertThat(access.login("ada", "correct horse".toCharArray(), "10.0.0.9", Duration.ofHours(1)).user())
                .isEqualTo("ada");
        assertThat(store.access().loginFailures("user:ada")).isEmpty();
    }

    @Test
    void eachFailureBeyondTheFreeOnesDoublesTheLock() {
        access.createUser("ada", Role.ADMIN, "correct horse".toCharArray());
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> access.login("ada", "guess-guess".toCharArray(), "10.0.0.9", Duration.ofHours(1)));
        }
        now = T0.plusSeconds(31);
        assertThatThrownBy(() -> access.login("ada", "guess-guess".toCharArray(), "10.0.0.9", Duration.ofHours(1)));
        assertThat(access.lockedUntil("user:ada")).contains(now.plusSeconds(60));
    }

    @Test
    void anUnknownUserIsRefusedLikeAWrongPasswordAndCountedAgainstTheAddress() {
        assertThatThrownBy(() -> access.login("nobody", "whatever-1".toCharArray(), "10.0.0.7", Duration.ofHours(1)))
                .hasMessage("wrong user name or password");
        assertThat(store.access().loginFailures("address:10.0.0.7").orElseThrow().failures()).isEqualTo(1);
    }

    @Test
    void aTokenWorksUntilItExpiresOrIsRevokedAndEachRefusalSaysWhich() {
        NewToken ci = access.createToken("ci", Role.OPERATOR, T0.plus(Duration.ofDays(1)), "ada");
        NewToken ops = access.createToken("ops", Role.VIEWER, null, "ada");
        assertThat(ci.secret()).startsWith("baton_" + ci.info().id() + "_");
        assertThat(store.access().token(ci.info().id()).orElseThrow().secretHash()).doesNotContain(ci.secret());
        assertThat(access.authenticate(ci.secret()).role()).isEqualTo(Role.OPERATOR);
        assertThat(access.tokens().stream().filter(t -> t.id().equals(ci.info().id())).findFirst().orElseThrow()
                .lastUsedAt()).isEqualTo(T0);

        now = T0.plus(Duration.ofDays(2));
        assertThatThrownBy(() -> access.authenticate(ci.secret()))
                .isInstanceOfSatisfying(AccessException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOKEN_EXPIRED))
                .hasMessageContaining("'ci'").hasMessageContaining("expired at 2026-11-02T08:00:00Z");
        access.revokeToken(ops.info().id());
        assertThatThrownBy(() -> access.authenticate(ops.secret()))
                .isInstanceOfSatisfying(AccessException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOKEN_REVOKED));
        assertThatThrownBy(() -> access.authenticate("baton_t000_nothing"))
                .isInstanceOfSatisfying(AccessException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOKEN_UNKNOWN));
        assertThatThrownBy(() -> access.revokeToken("t-missing"))
                .isInstanceOfSatisfying(AccessException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    void badInputIsRefusedInWords() {
        assertThatThrownBy(() -> access.createUser("a b", Role.VIEWER, "long enough pw".toCharArray()))
                .hasMessageContaining("a user name is 1 to 64 letters");
        assertThatThrownBy(() -> access.createUser("bob", Role.VIEWER, "short".toCharArray()))
                .hasMessageContaining("at least 10 characters");
        access.createUser("bob", Role.VIEWER, "long enough pw".toCharArray());
        assertThatThrownBy(() -> access.createUser("bob", Role.VIEWER, "long enough pw".toCharArray()))
                .hasMessageContaining("already a user 'bob'");
        assertThatThrownBy(() -> access.createToken("ci", Role.VIEWER, T0.minusSeconds(1), "ada"))
                .hasMessageContaining("not in the future");
        assertThatThrownBy(() -> Role.parse("superuser"))
                .hasMessage("there is no role 'superuser'; the roles are viewer, operator, admin (each includes the ones "
                        + "before it)");
    }

    @Test
    void aDisabledUsersSessionsEnd() {
        access.createUser("bob", Role.VIEWER, "long enough pw".toCharArray());
        Session session = access.login("bob", "long enough pw".toCharArray(), "127.0.0.1", Duration.ofHours(1));
        access.disableUser("bob");
        assertThat(access.session(session.secret())).isEmpty();
        assertThatThrownBy(() -> access.login("bob", "long enough pw".toCharArray(), "127.0.0.1", Duration.ofHours(1)))
                .isInstanceOfSatisfying(AccessException.class, e -> assertThat(e.reason()).isEqualTo(Reason.USER_DISABLED));
    }

    @Test
    void aSessionEndsWhenItExpires() {
        access.createUser("bob", Role.VIEWER, "long enough pw".toCharArray());
        Session session = access.login("bob", "long enough pw".toCharArray(), "127.0.0.1", Duration.ofHours(1));
        now = T0.plus(Duration.ofHours(1));
        assertThat(access.session(session.secret())).isEmpty();
    }

    @Test
    void aSessionInUseSlidesByTheIdleTimeoutUpToTheMaximumAndOneUnusedEnds() {
        Duration idle = Duration.ofMinutes(30);
        Duration max = Duration.ofHours(2);
        access.createUser("ada", Role.ADMIN, "correct horse battery".toCharArray());
        String secret = access.login("ada", "correct horse battery".toCharArray(), "10.0.0.1", idle).secret();
        assertThat(access.session(secret, idle, max).orElseThrow().expiresAt()).isEqualTo(T0.plus(idle));

        // Used 20 minutes later: it lives 30 minutes from then.
        now = T0.plus(Duration.ofMinutes(20));
        assertThat(access.session(secret, idle, max).orElseThrow().expiresAt()).isEqualTo(now.plus(idle));
        // Used again a few seconds later: not written again (less than a minute later), still valid.
        now = now.plusSeconds(5);
        assertThat(access.session(secret, idle, max).orElseThrow().expiresAt())
                .isEqualTo(T0.plus(Duration.ofMinutes(50)));
        // Kept in use every 25 minutes, it still ends at the maximum after its login.
        for (int i = 2; i <= 4; i++) {
            now = T0.plus(Duration.ofMinutes(20 + 25L * (i - 1)));
            assertThat(access.session(secret, idle, max)).as("used at %s", now).isPresent();
        }
        now = T0.plus(Duration.ofMinutes(115));
        assertThat(access.session(secret, idle, max).orElseThrow().expiresAt()).isEqualTo(T0.plus(max));
        now = T0.plus(max);
        assertThat(access.session(secret, idle, max)).as("past the maximum, however used").isEmpty();

        // Unused past the idle timeout: gone.
        now = T0.plus(Duration.ofDays(1));
        String other = access.login("ada", "correct horse battery".toCharArray(), "10.0.0.1", idle).secret();
        now = now.plus(idle).plusSeconds(1);
        assertThat(access.session(other, idle, max)).isEmpty();
        assertThat(access.session(other)).isEmpty();
    }

    @Test
    void aLoweredMaximumEndsSessionsOlderThanIt() {
        access.createUser("ada", Role.ADMIN, "correct horse battery".toCharArray());
        String secret = access.login("ada", "correct horse battery".toCharArray(), "10.0.0.1", Duration.ofHours(12))
                .secret();
        now = T0.plus(Duration.ofHours(2));
        assertThat(access.session(secret, Duration.ofHours(12), Duration.ofHours(1))).isEmpty();
    }
}
