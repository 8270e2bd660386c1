//! HTML or JSON, from `Accept`: HAProxy's `language` converter ranks any q-valued list, so it
//! ranks the media ranges of `Accept` as it does languages. The frontend keeps the winner among
//! `text/html`, `text/*` and the JSON twin's two types in `txn.planb_accept`: an app gets JSON
//! when it is one of the two.
//!
//! Against `negotiate::format::wants_json`, the reference: the same answer by q-value (`*/*`
//! never tips it, `text/html;q=0.1, application/json` is JSON, `application/json;q=0` HTML), but
//! on a tie the converter keeps the range listed first, so `application/json, text/html` is
//! JSON here (HTML for the reference); and a range with another parameter before its q-value
//! (`text/html;level=1;q=0.1`) counts as q=1.

/// The frontend line that sets `txn.planb_accept`; no header, or one naming none of the four:
/// `text/html`.
pub(super) fn choose() -> String {
    "\n# HTML or JSON: the highest q-value in Accept among HTML and the JSON twin's types (the\n\
     # `language` converter ranks any q-valued list; on a tie, the first listed); `*/*`, none,\n\
     # an empty or malformed header: HTML, the page.\n\
     http-request set-var(txn.planb_accept) req.fhdr(accept),lower,language(text/html;text/*;application/json;application/problem+json,text/html)\n"
        .to_owned()
}

/// The condition of a JSON twin's rule.
pub(super) const WANTS_JSON: &str = "{ var(txn.planb_accept) -m beg application/ }";
