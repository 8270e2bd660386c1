//! The edge test harness itself: the failing upstream answers as the target tests expect.

mod common;

use common::edge::*;

#[test]
fn upstream_fails_on_demand() {
    let up = Upstream::start();
    let ok = get(up.port, "/");
    assert_eq!((ok.status, ok.text().as_str()), (200, "upstream ok"));
    let err = get(up.port, "/status/502");
    assert_eq!((err.status, err.text().as_str()), (502, "upstream 502"));
    assert_eq!(err.header("x-upstream"), vec!["yes"]);
    let port = up.port;
    drop(up);
    assert!(
        std::net::TcpStream::connect(("127.0.0.1", port)).is_err(),
        "down after drop"
    );
}

#[test]
fn edge_site_builds_with_its_edge_settings() {
    let (_tmp, site, manifest) = build_edge_site(&["nginx"], "127.0.0.1:3999", free_port());
    assert!(site.join("output/public/_planb/errors/503.html").exists());
    let e = entry(&manifest, "/_planb/overflow.html");
    assert_eq!(e["status"], 503);
    assert_eq!(e["headers"]["Retry-After"], "60");
}
