package dev.baton.store.sqlite;

import dev.baton.StoreConfig;
import dev.baton.engine.store.Claim;
import dev.baton.engine.store.Write;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A second process for {@link SqliteMultiProcessTest}: opens the store, says READY, waits for a
 * line on standard input, then claims runs until none is left, printing each claimed id.
 * Arguments: the database file, the owner, now (epoch ms).
 */
public final class ClaimingProcess {
    private ClaimingProcess() {
    }

    public static void main(String[] args) throws Exception {
        String owner = args[1];
        long now = Long.parseLong(args[2]);
        try (SqliteStore store = SqliteStore.open(StoreConfig.sqlite(Path.of(args[0])))) {
            System.out.println("READY");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            while (true) {
                @SuppressWarnings("unchecked")
                List<Claim> claims = (List<Claim>) store.apply(List.of(
                        new Write.ClaimRuns(owner, now, now + 60_000, 3))).get(0);
                if (claims.isEmpty()) {
                    break;
                }
                for (Claim claim : claims) {
                    System.out.println("CLAIMED " + claim.run().id());
                }
            }
            System.out.println("DONE");
        }
    }
}
