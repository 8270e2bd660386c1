//! `[shield]` in `planb.toml`: what the edge does to keep the application up, not only to fail
//! politely. `capacity` turns on admission control (at most that many requests reach the
//! application at once; the rest get the overflow page at once), `admitted_for` is how long an
//! admitted visitor keeps priority, and each `[[shield.cache]]` names a prefix of public GET routes
//! the edge caches, serving the stale copy when the application fails. Each target says what it
//! can do of it (`Target::shield`); `planb check` warns where a target falls short.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::edge::{Edge, is_host_port};
use crate::cache::Policy;

/// A mistake in `[shield]`: its key, message, help, and the value to point at with which of its
/// occurrences in the file (from 0: a second `[[shield.cache]]` of a prefix points at the second).
pub type Problem = (&'static str, String, String, Option<(String, usize)>);

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shield {
    /// Requests the application can have in flight at once; none: no admission control.
    pub capacity: Option<u32>,
    /// Of `capacity`, how many only visitors already admitted may use, so that nobody is thrown
    /// out in the middle of a checkout; default: a fifth of `capacity` (at least 1 from 2 on).
    pub reserved: Option<u32>,
    /// Seconds an admitted visitor keeps priority.
    #[serde(default = "default_admitted_for")]
    pub admitted_for: u32,
    /// Public GET routes the edge caches, stale-first.
    #[serde(default)]
    pub cache: Vec<CacheRoute>,
    /// The loopback address of the edge's second server between its cache and the application
    /// (nginx, Apache): it writes the route's cache policy on the answers the cache keeps, and
    /// hands the application's failures to the cache in a form it serves the stale copy for.
    #[serde(default = "default_hop")]
    pub hop: String,
}

/// A URL prefix of public GET routes and the cache policy its answers are kept under.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CacheRoute {
    pub path: String,
    pub policy: String,
}

fn default_admitted_for() -> u32 {
    600
}

fn default_hop() -> String {
    "127.0.0.1:8081".into()
}

impl Default for Shield {
    fn default() -> Self {
        Shield {
            capacity: None,
            reserved: None,
            admitted_for: default_admitted_for(),
            cache: Vec::new(),
            hop: default_hop(),
        }
    }
}

impl Shield {
    /// Requests strangers may have in flight: `capacity` less what is reserved for admitted
    /// visitors.
    pub fn reserved_or_default(&self) -> u32 {
        let capacity = self.capacity.unwrap_or(0);
        self.reserved.unwrap_or(if capacity >= 2 {
            (capacity / 5).max(1)
        } else {
            0
        })
    }

    /// Every problem, given `[edge]` and every cache policy.
    pub fn problems(&self, edge: &Edge, policies: &BTreeMap<String, Policy>) -> Vec<Problem> {
        let edge_prefix = edge.prefix.as_str();
        let mut out = self.hop_problems(edge);
        if let Some(c) = self.capacity
            && !(1..=1_000_000).contains(&c)
        {
            out.push((
                "shield.capacity",
                format!("{c} is not between 1 and 1000000 requests"),
                "measure how many requests the application serves at once before it slows down"
                    .into(),
                None,
            ));
        }
        if let Some(r) = self.reserved {
            match self.capacity {
                None => out.push((
                    "shield.reserved",
                    "`reserved` needs `capacity`".into(),
                    "set `shield.capacity`, or remove `reserved`".into(),
                    None,
                )),
                Some(c) if r >= c => out.push((
                    "shield.reserved",
                    format!("{r} leaves no room for new visitors out of a capacity of {c}"),
                    "reserve less than `capacity`".into(),
                    None,
                )),
                Some(_) => {}
            }
        }
        if !(1..=86_400).contains(&self.admitted_for) {
            out.push((
                "shield.admitted_for",
                format!("{} is not between 1 and 86400 seconds", self.admitted_for),
                String::new(),
                None,
            ));
        }
        for (n, route) in self.cache.iter().enumerate() {
            // A second entry for a prefix would be a second location for it (nginx refuses to
            // start) or a behaviour that is never reached (CloudFront).
            let before = self.cache[..n]
                .iter()
                .filter(|r| r.path == route.path)
                .count();
            if before > 0 {
                out.push((
                    "shield.cache",
                    format!("`{}` is cached twice", route.path.escape_debug()),
                    "keep one [[shield.cache]] entry for this prefix".into(),
                    Some((route.path.clone(), before)),
                ));
            } else if !is_route_prefix(&route.path) {
                out.push((
                    "shield.cache",
                    format!("`{}` is not a URL prefix", route.path.escape_debug()),
                    "write a path such as \"/catalogue/\": `/` then letters, digits, `.`, `_`, `-`, `/`".into(),
                    Some((route.path.clone(), 0)),
                ));
            } else if route.path.starts_with(&format!("{edge_prefix}/")) {
                out.push((
                    "shield.cache",
                    format!(
                        "`{}` is under edge.prefix, where planb's own pages are",
                        route.path
                    ),
                    "name a prefix of the application's routes".into(),
                    Some((route.path.clone(), 0)),
                ));
            }
            match policies.get(&route.policy) {
                None => out.push((
                    "shield.cache",
                    format!("no cache policy `{}`", route.policy.escape_debug()),
                    format!(
                        "define [cache.{}] or use one of: {}",
                        route.policy,
                        policies.keys().cloned().collect::<Vec<_>>().join(", ")
                    ),
                    Some((route.policy.clone(), 0)),
                )),
                Some(p) if p.no_store || p.max_age.is_none() => out.push((
                    "shield.cache",
                    format!(
                        "the policy `{}` has no max_age: the edge would never keep an answer",
                        route.policy
                    ),
                    "give it max_age, and stale_if_error for how long a stale copy may stand in"
                        .into(),
                    Some((route.policy.clone(), 0)),
                )),
                Some(_) => {}
            }
        }
        out
    }
}

impl Shield {
    /// The hop listens where nothing else of the edge does: on `edge.listen` it would take the
    /// visitors' port, on `edge.upstream` it would proxy to itself.
    fn hop_problems(&self, edge: &Edge) -> Vec<Problem> {
        let taken = [
            ("edge.listen", &edge.listen),
            ("edge.upstream", &edge.upstream),
        ];
        let problem = if !is_host_port(&self.hop) {
            Some(format!("`{}` is not host:port", self.hop.escape_debug()))
        } else {
            taken.iter().find(|(_, v)| **v == self.hop).map(|(key, _)| {
                format!(
                    "`{}` is {key}: the hop needs an address of its own",
                    self.hop
                )
            })
        };
        problem
            .map(|message| {
                (
                    "shield.hop",
                    message,
                    "write a free loopback host:port, e.g. \"127.0.0.1:8081\"".into(),
                    None,
                )
            })
            .into_iter()
            .collect()
    }
}

/// `/catalogue/`, `/api/v1/products`: a path of plain segments, as servers' prefixes take it.
fn is_route_prefix(value: &str) -> bool {
    value.starts_with('/')
        && value.len() < 200
        && value[1..].split('/').enumerate().all(|(i, s)| {
            (s.is_empty() && i == value[1..].split('/').count() - 1 && value.len() > 1)
                || (!s.is_empty()
                    && s != "."
                    && s != ".."
                    && s.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        assert!(is_route_prefix("/catalogue/"));
        assert!(is_route_prefix("/api/v1/products"));
        assert!(!is_route_prefix("/"));
        assert!(!is_route_prefix("catalogue/"));
        assert!(!is_route_prefix("/a//b/"));
        assert!(!is_route_prefix("/a/../b/"));
        assert!(!is_route_prefix("/a b/"));
        assert!(!is_route_prefix("/a;b/"));
    }

    #[test]
    fn the_hop_needs_an_address_of_its_own() {
        let edge = Edge::default();
        let hop = |h: &str| {
            Shield {
                hop: h.into(),
                ..Shield::default()
            }
            .hop_problems(&edge)
        };
        assert!(hop("127.0.0.1:8081").is_empty());
        assert!(hop("127.0.0.1:3000")[0].1.contains("is edge.upstream"));
        assert!(hop("127.0.0.1:8080")[0].1.contains("is edge.listen"));
        assert!(hop("8081")[0].1.contains("is not host:port"));
    }

    #[test]
    fn reserved_defaults_to_a_fifth() {
        let s = |c| Shield {
            capacity: Some(c),
            ..Shield::default()
        };
        assert_eq!(s(200).reserved_or_default(), 40);
        assert_eq!(s(4).reserved_or_default(), 1);
        assert_eq!(s(1).reserved_or_default(), 0);
    }
}
