# Varnish 7 in front of the app servers (gunicorn): caches anonymous GET/HEAD pages for
# as long as the app's `Surrogate-Control: max-age` says, indexes them by their
# `Surrogate-Key` cache tags (vmod xkey, Debian's varnish-modules), and drops the pages of
# a tag when the app sends `PURGE` with an `xkey-purge: tag1 tag2` header from an
# address in `purgers` (articles/pagecache/edge.py, EDGE_CACHE_BACKEND=VarnishXkey).
# Run: varnishd -a :80 -f /etc/varnish/default.vcl -s malloc,256m
vcl 4.1;

import std;
import xkey;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "An xkey-purge header naming the tags is required"));
        }
        set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.n-gone + " objects"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Editors: the admin, previews, and anyone with a session (logged in).
    if (req.url ~ "^/(admin|preview)/" || req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Anonymous readers' pages never depend on cookies (the app caches them the same way).
    unset req.http.Cookie;
    unset req.http.Authorization;
    return (hash);
}

sub vcl_backend_response {
    # Cached only what the app says an edge may keep, for exactly that long; the rest
    # (errors, staff pages, a stale copy served during a render) is not kept.
    if (beresp.http.Surrogate-Control ~ "max-age=[0-9]+" && !beresp.http.Set-Cookie) {
        set beresp.ttl = std.duration(
            regsub(beresp.http.Surrogate-Control, "^.*max-age=([0-9]+).*$", "\1s"), 0s);
        set beresp.grace = 0s;
        set beresp.http.xkey = beresp.http.Surrogate-Key;
        unset beresp.http.Surrogate-Control;
        return (deliver);
    }
    set beresp.uncacheable = true;
    set beresp.ttl = 1s;
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.xkey;
    if (obj.hits > 0) {
        set resp.http.X-Edge-Cache = "hit";
    } else {
        set resp.http.X-Edge-Cache = "miss";
    }
}
