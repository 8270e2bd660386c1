# planb's shield: the backends planb.vcl sends the application's requests to, all on the
# same application. Include this file before planb.vcl (see README.md).

# Visitors without a valid admission cookie: 160 in flight at most (planb.vcl counts).
backend planb_strangers {
    .host = "127.0.0.1";
    .port = "3000";
    .connect_timeout = 30s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 30s;
}

# Admitted visitors: up to all 200 of capacity (planb.vcl counts).
backend planb_members {
    .host = "127.0.0.1";
    .port = "3000";
    .connect_timeout = 30s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 30s;
}

# Fetches of [[shield.cache]] routes: one per URL at once (Varnish collapses misses).
backend planb_cache {
    .host = "127.0.0.1";
    .port = "3000";
    .connect_timeout = 30s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 30s;
}
