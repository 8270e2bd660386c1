# bench/shield's baseline for Varnish: no backend, one static 4 KB file (read at load) answered
# from vcl_synth, the way planb's VCL answers its pages.
vcl 4.1;
import std;
backend default none;
sub vcl_recv { return (synth(200)); }
sub vcl_synth {
    set resp.http.Content-Type = "text/html";
    synthetic(std.fileread("@ROOT@/4k.html"));
    return (deliver);
}
