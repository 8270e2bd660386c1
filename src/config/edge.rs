//! `[edge]` in `planb.toml`: the values that land in the servers' and CDNs' configurations, and
//! the names of the targets to write (resolved by `targets::resolve`, which knows them). Every value is checked against a strict pattern here, so no
//! newline, quote, `;`, `{` or `}` can ever break out of a target's syntax.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edge {
    /// Names of the targets to write; all of them when not set (`targets::resolve` reads them).
    #[serde(default)]
    pub targets: Option<Vec<String>>,
    /// The application server the example configurations proxy to.
    #[serde(default = "default_upstream")]
    pub upstream: String,
    /// Where the example configurations listen.
    #[serde(default = "default_listen")]
    pub listen: String,
    /// Where `public/` lives on the server; default: the absolute path of `output/public`.
    #[serde(default)]
    pub root: Option<String>,
    /// The URL prefix the pages are served under, so they never clash with the application's URLs.
    #[serde(default = "default_prefix")]
    pub prefix: String,
    /// Seconds the proxy waits for the upstream before answering 504 with planb's page.
    #[serde(default = "default_timeout")]
    pub timeout: u32,
    /// The landing page the home redirects to in landing mode (its content path without `.md`,
    /// e.g. "landing"); default: the first landing page.
    #[serde(default)]
    pub landing: Option<String>,
    /// Cloudflare Pages, overflow mode: answer 503 through a `_worker.js` (every request then runs
    /// a Worker) instead of 200 from `_redirects`, which allows no 5xx.
    #[serde(default)]
    pub cloudflare_pages_worker: bool,
}

fn default_upstream() -> String {
    "127.0.0.1:3000".into()
}
fn default_listen() -> String {
    "127.0.0.1:8080".into()
}
/// Where `planb serve` answers its own pages (the index, the event stream, the mode switch): no
/// page may live there.
pub const PREVIEW_PREFIX: &str = "/__planb";

fn default_prefix() -> String {
    "/_planb".into()
}
fn default_timeout() -> u32 {
    30
}

impl Default for Edge {
    fn default() -> Self {
        Edge {
            targets: None,
            upstream: default_upstream(),
            listen: default_listen(),
            root: None,
            prefix: default_prefix(),
            timeout: default_timeout(),
            landing: None,
            cloudflare_pages_worker: false,
        }
    }
}

impl Edge {
    /// Every problem, as (key, message, help). Target names are checked by `targets::resolve`.
    pub fn problems(&self) -> Vec<(&'static str, String, String)> {
        let mut out = Vec::new();
        let checks: [Check; 4] = [
            (
                "edge.upstream",
                Some(&self.upstream),
                is_host_port,
                "write host:port, e.g. \"127.0.0.1:3000\" or \"app.internal:8000\"",
            ),
            (
                "edge.listen",
                Some(&self.listen),
                is_host_port,
                "write host:port, e.g. \"127.0.0.1:8080\" or \"0.0.0.0:80\"",
            ),
            (
                "edge.root",
                self.root.as_ref(),
                is_root,
                "write an absolute path, e.g. \"/srv/planb/public\" (spaces and accents are fine)",
            ),
            (
                "edge.prefix",
                Some(&self.prefix),
                is_prefix,
                "write a path such as \"/_planb\": `/` then letters, digits, `.`, `_`, `-`",
            ),
        ];
        for (key, value, valid, help) in checks {
            if let Some(v) = value.filter(|v| !valid(v)) {
                out.push((key, rejection(v), help.to_owned()));
            }
        }
        let reserved = PREVIEW_PREFIX;
        if self.prefix == reserved || self.prefix.starts_with(&format!("{reserved}/")) {
            out.push((
                "edge.prefix",
                format!(
                    "`{}` is where `planb serve` answers its own pages",
                    self.prefix
                ),
                "choose another prefix, such as \"/_planb\"".to_owned(),
            ));
        }
        if !(1..=3600).contains(&self.timeout) {
            out.push((
                "edge.timeout",
                format!("{} is not between 1 and 3600 seconds", self.timeout),
                String::new(),
            ));
        }
        if let Some(l) = &self.landing
            && !l.chars().all(|c| c.is_alphanumeric() || "/-_.".contains(c))
        {
            out.push((
                "edge.landing",
                rejection(l),
                "name a landing page by its content path without .md, e.g. \"landing\"".into(),
            ));
        }
        out
    }
}

/// A value to check: its key, the value if set, its pattern, and how to write it instead.
type Check<'a> = (
    &'static str,
    Option<&'a String>,
    fn(&str) -> bool,
    &'static str,
);

/// Why a value is refused: the dangerous character by name when there is one.
fn rejection(value: &str) -> String {
    let named = [
        ('\n', "a newline"),
        ('\r', "a carriage return"),
        ('"', "a double quote"),
        ('\'', "a single quote"),
        (';', "a `;`"),
        ('{', "a `{`"),
        ('}', "a `}`"),
        (' ', "a space"),
        ('#', "a `#`"),
        ('\\', "a backslash"),
    ];
    if let Some(name) = control_character(value) {
        return format!(
            "`{}` contains {name}, which could break out of a server configuration",
            escape_for_message(value)
        );
    }
    match named.iter().find(|(c, _)| value.contains(*c)) {
        Some((_, name)) => format!(
            "`{}` contains {name}, which could break out of a server configuration",
            escape_for_message(value)
        ),
        None => format!("`{}` is not valid here", escape_for_message(value)),
    }
}

/// A value shown in a message on one line, control characters visible.
fn escape_for_message(value: &str) -> String {
    value.escape_debug().to_string()
}

/// `host:port` with a DNS name, an IPv4 address or a bracketed IPv6 address.
pub fn is_host_port(value: &str) -> bool {
    let Some((host, port)) = value.rsplit_once(':') else {
        return false;
    };
    let port_ok = port.parse::<u16>().is_ok_and(|p| p > 0);
    let host_ok = if let Some(v6) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        !v6.is_empty()
            && v6
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
    } else {
        !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
    };
    host_ok && port_ok
}

/// An absolute path: anything but control characters, which no configuration syntax can quote.
/// Spaces, quotes and non-ASCII letters are legitimate; each target quotes them in its own syntax
/// or refuses what it cannot quote.
fn is_root(value: &str) -> bool {
    value.starts_with('/') && !value.chars().any(char::is_control)
}

/// `path` (absolute) with `.` and `..` resolved and repeated or trailing slashes dropped, as
/// servers expect a root: `/srv/a/../b/` → `/srv/b`.
pub fn normalize_root(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    format!("/{}", parts.join("/"))
}

fn is_prefix(value: &str) -> bool {
    value.len() > 1
        && value.starts_with('/')
        && !value.ends_with('/')
        && value[1..].split('/').all(|s| {
            !s.is_empty()
                && s != ".."
                && s != "."
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
        })
}

/// A path planb itself chose (the output folder) as a root, if it fits the same pattern.
pub fn root_is_safe(path: &str) -> bool {
    is_root(path)
}

/// What names the first control character of `value`, for messages.
pub fn control_character(value: &str) -> Option<String> {
    value.chars().find(|c| c.is_control()).map(|c| match c {
        '\n' => "a newline".to_owned(),
        '\r' => "a carriage return".to_owned(),
        '\0' => "a NUL byte".to_owned(),
        c => format!("the control character U+{:04X}", c as u32),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert!(is_host_port("127.0.0.1:3000"));
        assert!(is_host_port("[::1]:8080"));
        assert!(is_host_port("app.internal:80"));
        assert!(!is_host_port("127.0.0.1:3000;\n"));
        assert!(!is_host_port("127.0.0.1"));
        assert!(!is_host_port("a:0"));
        assert!(is_prefix("/_planb"));
        assert!(is_prefix("/a/b"));
        assert!(!is_prefix("/"));
        assert!(!is_prefix("/a/"));
        assert!(!is_prefix("/a/../b"));
        assert!(is_root("/srv/www/public"));
        assert!(!is_root("srv"));
        assert!(is_root("/srv/Été/Mon site/{x}"));
        assert!(!is_root("/srv/a\nb"));
        assert!(!is_root("/srv/a\0b"));
        assert_eq!(normalize_root("/srv/a/../b/./c/"), "/srv/b/c");
        assert_eq!(normalize_root("/../x//y"), "/x/y");
        assert_eq!(normalize_root("/"), "/");
    }

    #[test]
    fn rejection_names_the_character() {
        assert!(rejection("a\nb").contains("a newline"));
        assert!(rejection("a\nb").contains("`a\\nb`"));
        assert!(rejection("a;b").contains("a `;`"));
    }
}
