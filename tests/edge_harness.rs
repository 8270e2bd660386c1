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
    assert_eq!(
        get(up.port, "/status/500?x=1").status,
        500,
        "the query string is ignored"
    );
    let port = up.port;
    drop(up);
    // Another test may briefly bind the freed port (free_port); one refusal proves it is down.
    let refused = (0..10).any(|_| {
        let r = std::net::TcpStream::connect(("127.0.0.1", port)).is_err();
        std::thread::sleep(std::time::Duration::from_millis(20));
        r
    });
    assert!(refused, "down after drop");
}

#[test]
fn edge_site_builds_with_its_edge_settings() {
    let (_tmp, site, manifest) = build_edge_site(&["nginx"], "127.0.0.1:3999", free_port());
    assert!(site.join("output/public/_planb/errors/503.html").exists());
    let e = entry(&manifest, "/_planb/overflow.html");
    assert_eq!(e["status"], 503);
    assert_eq!(e["headers"]["Retry-After"], "60");
}

/// The shield's application counts what it has in flight: the tests' "never above capacity" can
/// fail.
#[test]
fn the_application_counts_its_peak_and_what_it_served() {
    let app = common::app::App::start(std::time::Duration::from_millis(300));
    let answers = common::app::burst(app.port, "/slow/x", 5, "");
    assert!(
        answers
            .iter()
            .all(|r| r.status == 200 && r.text() == "app ok")
    );
    assert_eq!(app.peak(), 5);
    assert_eq!(app.served("/slow/x"), 5);
    let r = common::edge::get(app.port, "/catalogue/a");
    assert_eq!(r.text(), "catalogue /catalogue/a #1");
    assert_eq!(r.header("Cache-Control"), vec!["public, max-age=1"]);
    assert!(r.header("Set-Cookie").is_empty());
    let r = common::edge::get(app.port, "/catalogue/private");
    assert_eq!(r.header("Set-Cookie"), vec!["sid=secret; Path=/"]);
    app.fail(true);
    assert_eq!(common::edge::get(app.port, "/catalogue/a").status, 500);
    app.fail(false);
    assert_eq!(
        common::edge::get(app.port, "/catalogue/a").text(),
        "catalogue /catalogue/a #3"
    );
}
