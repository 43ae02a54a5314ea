package dev.baton.engine.access;

import dev.baton.access.AccessException;
import dev.baton.access.AccessException.Reason;
import dev.baton.access.AccessRegistry;
import dev.baton.access.AuditEntry;
import dev.baton.access.AuditQuery;
import dev.baton.access.NewToken;
import dev.baton.access.Role;
import dev.baton.access.Session;
import dev.baton.access.TokenInfo;
import dev.baton.access.UserInfo;
import dev.baton.engine.store.AccessStore;
import dev.baton.engine.store.AccessStore.FailureRow;
import dev.baton.engine.store.AccessStore.SessionRow;
import dev.baton.engine.store.AccessStore.TokenRow;
import dev.baton.engine.store.AccessStore.UserRow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * The {@link AccessRegistry} over a store's {@link AccessStore}: hashing, checking and counting
 * here, rows there. Used by the engine ({@code Baton.access()}) and by the CLI on a store file.
 *
 * <p>Failed logins: each failure counts against the account ({@code user:NAME}) and the remote
 * address ({@code address:IP}); failures older than {@link #FORGET_FAILURES_AFTER} are forgotten.
 * From the {@value #FREE_ACCOUNT_FAILURES}th failure of an account (the
 * {@value #FREE_ADDRESS_FAILURES}th of an address, which many users may share) logins for it are
 * locked for {@link #FIRST_LOCK}, doubling with each further failure up to {@link #LONGEST_LOCK}.
 * A locked login is refused before the password is looked at.
 */
public final class StoreAccess implements AccessRegistry {
    static final int FREE_ACCOUNT_FAILURES = 5;
    static final int FREE_ADDRESS_FAILURES = 20;
    static final Duration FORGET_FAILURES_AFTER = Duration.ofMinutes(15);
    static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    static final Duration LONGEST_LOCK = Duration.ofMinutes(15);
    /** A token's last use is written at most this often, so that reads do not each write. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    /** A session's end is moved later at most this often, for the same reason. */
    static final Duration RENEW_EVERY = Duration.ofMinutes(1);
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final String TOKEN_PREFIX = "baton_";
    /** Logins of one account are made one at a time (accounts share a stripe now and then, which only waits). */
    private static final ReentrantLock[] LOGIN_STRIPES = stripes(64);

    private final AccessStore store;
    private final Clock clock;

    public StoreAccess(AccessStore store) {
        this(store, Clock.systemUTC());
    }

    public StoreAccess(AccessStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    // ---- users ----

    @Override
    public UserInfo createUser(String name, Role role, char[] password) {
        Objects.requireNonNull(role, "role");
        checkUserName(name);
        checkPassword(password);
        try {
            UserRow row = new UserRow(name, role.name(), Passwords.hash(password), now(), null);
            if (!store.insertUser(row)) {
                throw new AccessException(Reason.CONFLICT, "there is already a user '" + name + "'; choose another name, "
                        + "or change that user's role or password");
            }
            return info(row);
        } finally {
            Passwords.clear(password);
        }
    }

    @Override
    public List<UserInfo> users() {
        return store.users().stream().map(StoreAccess::info).toList();
    }

    @Override
    public Optional<UserInfo> user(String name) {
        return name == null ? Optional.empty() : store.user(name).map(StoreAccess::info);
    }

    @Override
    public UserInfo setRole(String name, Role role) {
        Objects.requireNonNull(role, "role");
        if (!store.setUserRole(name, role.name())) {
            throw unknownUser(name);
        }
        return user(name).orElseThrow(() -> unknownUser(name));
    }

    @Override
    public void setPassword(String name, char[] password) {
        try {
            checkPassword(password);
            if (!store.setUserPassword(name, Passwords.hash(password))) {
                throw unknownUser(name);
            }
        } finally {
            Passwords.clear(password);
        }
    }

    @Override
    public void disableUser(String name) {
        if (!store.disableUser(name, now())) {
            throw unknownUser(name);
        }
    }

    private AccessException unknownUser(String name) {
        return new AccessException(Reason.NOT_FOUND, "there is no user '" + name + "'; the users are "
                + store.users().stream().map(UserRow::name).toList());
    }

    private static void checkUserName(String name) {
        if (name == null || !USER_NAME.matcher(name).matches()) {
            throw new AccessException(Reason.BAD_INPUT, "a user name is 1 to 64 letters, digits, '.', '_', '-' or '@', "
                    + "was '" + name + "'");
        }
    }

    private static void checkPassword(char[] password) {
        if (password == null || password.length < MIN_PASSWORD_LENGTH) {
            throw new AccessException(Reason.BAD_INPUT, "a password has at least " + MIN_PASSWORD_LENGTH
                    + " characters; this one has " + (password == null ? 0 : password.length));
        }
    }

    // ---- logins and sessions ----

    @Override
    public Session login(String name, char[] password, String address, Duration ttl) {
        // One login of an account at a time in this process: the lock is read before the password is checked and
        // set after, so guesses sent at once would otherwise all pass the read before the first failure locks.
        ReentrantLock stripe = LOGIN_STRIPES[Math.floorMod(String.valueOf(name).hashCode(), LOGIN_STRIPES.length)];
        stripe.lock();
        try {
            return loginOnce(name, password, address, ttl);
        } finally {
            stripe.unlock();
        }
    }

    private Session loginOnce(String name, char[] password, String address, Duration ttl) {
        try {
            long now = now();
            String userKey = "user:" + name;
            String addressKey = "address:" + address;
            long lockedUntil = Math.max(lockOf(userKey), lockOf(addressKey));
            if (lockedUntil > now) {
                long seconds = Math.max(1, (lockedUntil - now + 999) / 1000);
                throw new AccessException(Reason.LOCKED, "too many failed logins for this account or address; "
                        + "try again in " + seconds + " s", seconds);
            }
            Optional<UserRow> user = name == null ? Optional.empty() : store.user(name);
            boolean right;
            if (user.isEmpty()) {
                Passwords.burn(password == null ? new char[0] : password);
                right = false;
            } else {
                right = Passwords.matches(password == null ? new char[0] : password, user.get().passwordHash());
            }
            if (!right) {
                fail(userKey, FREE_ACCOUNT_FAILURES, now);
                fail(addressKey, FREE_ADDRESS_FAILURES, now);
                throw new AccessException(Reason.BAD_CREDENTIALS, "wrong user name or password");
            }
            if (user.get().disabledAt() != null) {
                throw new AccessException(Reason.USER_DISABLED, "user '" + name + "' is disabled; ask an admin");
            }
            store.clearLoginFailures(userKey);
            store.clearLoginFailures(addressKey);
            store.deleteExpiredSessions(now);
            String secret = Secrets.random();
            SessionRow row = new SessionRow(Secrets.sha256(secret), name, Secrets.random(), now, now + ttl.toMillis());
            store.insertSession(row);
            return new Session(secret, name, Role.parse(user.get().role()), row.csrfToken(),
                    Instant.ofEpochMilli(row.expiresAt()));
        } finally {
            Passwords.clear(password);
        }
    }

    private long lockOf(String key) {
        return store.loginFailures(key).map(FailureRow::lockedUntil).orElse(0L);
    }

    private void fail(String key, int free, long now) {
        FailureRow row = store.recordLoginFailure(key, now, FORGET_FAILURES_AFTER.toMillis());
        int beyond = row.failures() - free;
        if (beyond >= 0) {
            long lock = FIRST_LOCK.toMillis() << Math.min(beyond, 20);
            store.lockLogin(key, now + Math.min(lock, LONGEST_LOCK.toMillis()));
        }
    }

    @Override
    public Optional<Session> session(String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        Optional<SessionRow> row = store.session(Secrets.sha256(secret));
        if (row.isEmpty()) {
            return Optional.empty();
        }
        if (row.get().expiresAt() <= now()) {
            store.deleteSession(row.get().idHash());
            return Optional.empty();
        }
        Optional<UserRow> user = store.user(row.get().user());
        if (user.isEmpty() || user.get().disabledAt() != null) {
            return Optional.empty();
        }
        return Optional.of(new Session(null, user.get().name(), Role.parse(user.get().role()), row.get().csrfToken(),
                Instant.ofEpochMilli(row.get().expiresAt())));
    }

    @Override
    public Optional<Session> session(String secret, Duration idle, Duration max) {
        Objects.requireNonNull(idle, "idle");
        Objects.requireNonNull(max, "max");
        if (secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        Optional<SessionRow> found = store.session(Secrets.sha256(secret));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SessionRow row = found.get();
        long now = now();
        long cap = row.createdAt() + max.toMillis();
        if (row.expiresAt() <= now || cap <= now) {
            store.deleteSession(row.idHash());
            return Optional.empty();
        }
        Optional<UserRow> user = store.user(row.user());
        if (user.isEmpty() || user.get().disabledAt() != null) {
            return Optional.empty();
        }
        long end = Math.min(row.expiresAt(), cap);
        long renewed = Math.min(now + idle.toMillis(), cap);
        // Written only when it moves the end by a while (or up to the cap), not on every request.
        long every = Math.min(RENEW_EVERY.toMillis(), idle.toMillis() / 4);
        if (renewed > end && (renewed - end >= every || renewed == cap)) {
            store.renewSession(row.idHash(), renewed);
            end = renewed;
        }
        return Optional.of(new Session(null, user.get().name(), Role.parse(user.get().role()), row.csrfToken(),
                Instant.ofEpochMilli(end)));
    }

    @Override
    public void logout(String secret) {
        if (secret != null && !secret.isBlank()) {
            store.deleteSession(Secrets.sha256(secret));
        }
    }

    @Override
    public Optional<Instant> lockedUntil(String key) {
        long until = lockOf(key);
        return until > now() ? Optional.of(Instant.ofEpochMilli(until)) : Optional.empty();
    }

    // ---- tokens ----

    @Override
    public NewToken createToken(String name, Role role, Instant expiresAt, String createdBy) {
        Objects.requireNonNull(role, "role");
        if (name == null || name.isBlank() || name.length() > 64 || name.chars().anyMatch(Character::isISOControl)) {
            throw new AccessException(Reason.BAD_INPUT, "a token's name says what it is for in 1 to 64 characters, "
                    + "e.g. ci-deploy; was '" + name + "'");
        }
        long now = now();
        if (expiresAt != null && !expiresAt.isAfter(Instant.ofEpochMilli(now))) {
            throw new AccessException(Reason.BAD_INPUT, "the token's expiry " + expiresAt + " is not in the future");
        }
        String id = "t" + Secrets.hex(6);
        String secret = TOKEN_PREFIX + id + "_" + Secrets.random();
        TokenRow row = new TokenRow(id, name.strip(), role.name(), Secrets.sha256(secret), createdBy, now,
                expiresAt == null ? null : expiresAt.toEpochMilli(), null, null);
        store.insertToken(row);
        return new NewToken(info(row), secret);
    }

    @Override
    public List<TokenInfo> tokens() {
        return store.tokens().stream().map(StoreAccess::info).toList();
    }

    @Override
    public TokenInfo revokeToken(String id) {
        if (id == null || !store.revokeToken(id.strip(), now())) {
            throw new AccessException(Reason.NOT_FOUND, "there is no token '" + id + "'; list them with "
                    + "`baton tokens list` or GET /api/tokens");
        }
        return info(store.token(id.strip()).orElseThrow());
    }

    @Override
    public TokenInfo authenticate(String secret) {
        if (secret == null || !secret.startsWith(TOKEN_PREFIX)) {
            throw new AccessException(Reason.TOKEN_UNKNOWN, "the bearer token is not a Baton token (they begin with "
                    + TOKEN_PREFIX + "); create one with `baton tokens create NAME --role ROLE`");
        }
        TokenRow row = store.tokenBySecretHash(Secrets.sha256(secret)).orElseThrow(() -> new AccessException(
                Reason.TOKEN_UNKNOWN, "the bearer token is unknown (mistyped, or made for another store); "
                + "create one with `baton tokens create NAME --role ROLE`"));
        long now = now();
        if (row.revokedAt() != null) {
            throw new AccessException(Reason.TOKEN_REVOKED, "token " + row.id() + " ('" + row.name() + "') was revoked at "
                    + Instant.ofEpochMilli(row.revokedAt()) + "; ask an admin for a new one");
        }
        if (row.expiresAt() != null && row.expiresAt() <= now) {
            throw new AccessException(Reason.TOKEN_EXPIRED, "token " + row.id() + " ('" + row.name() + "') expired at "
                    + Instant.ofEpochMilli(row.expiresAt()) + "; ask an admin for a new one");
        }
        if (row.lastUsedAt() == null || now - row.lastUsedAt() >= TOUCH_EVERY.toMillis()) {
            store.touchToken(row.id(), now);
        }
        return info(row);
    }

    // ---- audit ----

    @Override
    public AuditEntry record(AuditEntry e) {
        long at = e.at() == null ? now() : e.at().toEpochMilli();
        AccessStore.AuditRow row = new AccessStore.AuditRow(0, at, e.actor(), e.via(), e.action(), e.target(),
                e.outcome(), e.detail(), e.address(), e.userAgent());
        long id = store.appendAudit(row);
        return new AuditEntry(id, Instant.ofEpochMilli(at), e.actor(), e.via(), e.action(), e.target(), e.outcome(),
                e.detail(), e.address(), e.userAgent());
    }

    @Override
    public List<AuditEntry> audit(AuditQuery query) {
        return store.audit(query).stream().map(r -> new AuditEntry(r.id(), Instant.ofEpochMilli(r.at()), r.actor(),
                r.via(), r.action(), r.target(), r.outcome(), r.detail(), r.address(), r.userAgent())).toList();
    }

    // ---- plumbing ----

    private static ReentrantLock[] stripes(int count) {
        ReentrantLock[] locks = new ReentrantLock[count];
        for (int i = 0; i < count; i++) {
            locks[i] = new ReentrantLock();
        }
        return locks;
    }

    private long now() {
        return clock.millis();
    }

    private static UserInfo info(UserRow row) {
        return new UserInfo(row.name(), Role.parse(row.role()), Instant.ofEpochMilli(row.createdAt()),
                row.disabledAt() != null);
    }

    private static TokenInfo info(TokenRow row) {
        return new TokenInfo(row.id(), row.name(), Role.parse(row.role()), row.createdBy(),
                Instant.ofEpochMilli(row.createdAt()), instant(row.expiresAt()), instant(row.revokedAt()),
                instant(row.lastUsedAt()));
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
