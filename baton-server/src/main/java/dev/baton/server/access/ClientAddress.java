package dev.baton.server.access;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a request came from, for the audit trail and the per-address login throttle. Without a
 * trusted proxy it is the connection's address, always: {@code X-Forwarded-For} is written by the
 * client as much as by any proxy, so it is believed only when told to.
 *
 * <p>Behind trusted proxies the rule is <em>the rightmost untrusted hop</em>: each proxy appends
 * the address it was connected from to {@code X-Forwarded-For}, so reading the header from the
 * right, past the addresses of the proxies this server trusts (the connection's own peer, which is
 * the proxy in front, and any further proxy ranges it was given), the first address that is not a
 * trusted proxy is the one the last trusted proxy saw connecting: the client. Everything to its
 * left may have been made up by the client and is ignored. When every hop is a trusted proxy, the
 * leftmost is taken; when the header is missing, or the hop to read is not an IP address, the last
 * address a trusted party vouched for is taken (in the end, the connection's).
 */
public final class ClientAddress {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final boolean trustProxy;
    private final List<Range> trusted;

    /**
     * @param trustProxy     whether a proxy in front is trusted at all
     * @param trustedProxies further proxies' addresses or CIDR ranges (e.g. {@code 10.0.0.0/8}), whose hops are skipped
     * @throws IllegalArgumentException naming an entry that is not an address or a range
     */
    public ClientAddress(boolean trustProxy, List<String> trustedProxies) {
        this.trustProxy = trustProxy;
        this.trusted = trustedProxies.stream().map(Range::parse).toList();
    }

    /**
     * @param peer          the connection's remote address
     * @param forwardedFors every {@code X-Forwarded-For} header of the request, in order
     * @return the client's address
     */
    public String of(String peer, List<String> forwardedFors) {
        if (!trustProxy || forwardedFors == null || forwardedFors.isEmpty()) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFors) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        String vouched = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress address = literal(hops.get(i));
            if (address == null) {
                return vouched;
            }
            vouched = address.getHostAddress();
            if (i == 0 || trusted.stream().noneMatch(r -> r.contains(address))) {
                return vouched;
            }
        }
        return vouched;
    }

    /** @return the address a hop names ({@code 1.2.3.4}, {@code 1.2.3.4:5678}, {@code 2001:db8::1}, {@code [2001:db8::1]:80}), or null */
    static InetAddress literal(String hop) {
        String text = hop;
        if (text.startsWith("[")) {
            int end = text.indexOf(']');
            if (end < 0) {
                return null;
            }
            text = text.substring(1, end);
        } else if (text.indexOf(':') == text.lastIndexOf(':') && text.indexOf(':') > 0) {
            text = text.substring(0, text.indexOf(':')); // IPv4 with a port
        }
        // Only address literals are parsed: a host name would be looked up, and a header must never cause a lookup.
        if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }

    /** An address or a CIDR range. */
    private record Range(byte[] network, int bits) {
        static Range parse(String text) {
            String[] parts = text.strip().split("/", 2);
            InetAddress address = literal(parts[0]);
            if (address == null) {
                throw new IllegalArgumentException("trusted proxy '" + text + "' is not an IP address or a CIDR range "
                        + "such as 10.0.0.0/8 or fd00::/8");
            }
            int max = address.getAddress().length * 8;
            int bits = max;
            if (parts.length == 2) {
                try {
                    bits = Integer.parseInt(parts[1]);
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > max) {
                    throw new IllegalArgumentException("trusted proxy '" + text + "': the prefix length must be from 0 "
                            + "to " + max);
                }
            }
            return new Range(address.getAddress(), bits);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
