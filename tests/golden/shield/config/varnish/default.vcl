# planb: a complete Varnish configuration (VCL 4.1) that proxies to 127.0.0.1:3000 and answers
# errors with planb's pages. Varnish takes the address to listen on from the command line:
#   varnishd -F -a 127.0.0.1:8080 -f "$PWD/default.vcl" -s malloc,256m -p thread_pools=2 -p thread_pool_min=500 -p thread_pool_max=5000 -p thread_queue_limit=1000
# (threads for a spike: each visitor waiting on the application holds a worker thread and
# its fetch another; Varnish's defaults start 200 and queue 20 per pool; see README.md.)
# Check: varnishd -C -f "$PWD/default.vcl" > /dev/null
vcl 4.1;

backend default {
    .host = "127.0.0.1";
    .port = "3000";
    # edge.timeout: past it the fetch fails and Varnish answers 503 with planb's page.
    .connect_timeout = 30s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 30s;
}

# The shield's backends (admission, cache), on the same application.
include "./planb-backends.vcl";
include "./planb.vcl";
