//! The part of `planb.vcl` that handles the upstream: an error status it answers becomes planb's
//! page with the same status, and so does a fetch that fails (503).
//!
//! Traps avoided: `return (error(beresp.status))` in `vcl_backend_response` drops every upstream
//! header, where rewriting the response would keep them; Varnish ignores `stale-if-error`, so the
//! grace is the longer of `stale-while-revalidate` and `stale-if-error`; a page whose policy keeps
//! nothing (ttl 0) is marked uncacheable, or Varnish would still store it for a moment; a failed
//! background fetch (the refresh of a stale object in grace) is abandoned, or its error object
//! would replace the stale copy, which would then serve one visitor only.

use std::fmt::Write as _;

use super::language::set_page;
use super::vcl::reason;
use crate::targets::{EdgePage, EdgeSite};

/// `vcl_backend_response` and `vcl_backend_error`.
pub(super) fn responses(s: &mut String, site: &EdgeSite) {
    let errors = site.error_pages();
    let statuses: Vec<String> = errors
        .iter()
        .map(|p| format!("beresp.status == {}", p.status))
        .collect();
    s.push_str(
        "\n# An error status answered by the upstream becomes an error here, which drops every\n\
         # upstream header; vcl_backend_error then builds planb's page with the same status.\n\
         sub vcl_backend_response {\n",
    );
    super::shield::release_call(s, site);
    s.push_str(
        "    # A failed refresh of a stale object (background fetch) keeps the stale copy.\n    \
             if (bereq.is_bgfetch && beresp.status >= 500) {\n        \
                 return (abandon);\n    \
             }\n",
    );
    if !statuses.is_empty() {
        let _ = write!(
            s,
            "    if ({}) {{\n        \
                 return (error(beresp.status));\n    \
             }}\n",
            statuses.join("\n        || ")
        );
    }
    super::shield::backend_response(s, site);
    s.push_str("}\n");

    s.push_str(
        "\n# Also runs when the fetch fails (upstream down, refusing or timing out): status 503.\n\
         # ttl and grace come from the page's cache policy (see README.md).\n\
         sub vcl_backend_error {\n",
    );
    super::shield::release_call(s, site);
    s.push_str(
        "    # A background fetch refreshes a stale object that visitors are being served: an\n    \
             # error object would replace it, and the stale copy would serve one visitor only.\n    \
             if (bereq.is_bgfetch) {\n        \
                 return (abandon);\n    \
             }\n",
    );
    s.push_str(&super::language::choose(site, "bereq", "    "));
    s.push_str(&super::format::choose(site, "bereq", "    "));
    super::shield::backend_error(s, site);
    for page in &errors {
        error_page(s, site, page);
    }
    s.push_str("}\n");
}

/// The branch of `vcl_backend_error` that builds `page`.
fn error_page(s: &mut String, site: &EdgeSite, page: &EdgePage) {
    let _ = writeln!(s, "    if (beresp.status == {}) {{", page.status);
    let _ = writeln!(
        s,
        "        set beresp.reason = \"{}\";",
        reason(page.status)
    );
    set_page(s, site, page, "        ");
    let policy = page.policy;
    let ttl = policy.edge_ttl();
    let grace = if policy.no_store {
        0
    } else {
        policy
            .stale_while_revalidate
            .unwrap_or(0)
            .max(policy.stale_if_error.unwrap_or(0))
    };
    let _ = writeln!(s, "        set beresp.ttl = {ttl}s;");
    let _ = writeln!(s, "        set beresp.grace = {grace}s;");
    s.push_str("        set beresp.keep = 0s;\n");
    if ttl == 0 {
        s.push_str("        set beresp.uncacheable = true;\n");
    }
    s.push_str("        return (deliver);\n    }\n");
}
