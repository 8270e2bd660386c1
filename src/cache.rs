//! Cache policies: named sets of cache directives attached to pages and rendered into each target's
//! syntax. The defaults let the CDN keep the landing page through an origin failure
//! (`stale-if-error`), keep error pages only seconds (shield the origin, recover fast), and never
//! store a 429 (RFC 6585 §4). Which policy a page takes by default is the page's own business
//! (`content::Page::default_cache_policy`): this module is plain data and imports nothing of the
//! pipeline, so the configuration can hold policies without a loop back through the content.

use std::collections::BTreeMap;

use serde::Deserialize;

/// One policy, as written under `[cache.NAME]` in `planb.toml`. Seconds everywhere.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub max_age: Option<u32>,
    pub s_maxage: Option<u32>,
    pub stale_while_revalidate: Option<u32>,
    pub stale_if_error: Option<u32>,
    #[serde(default)]
    pub no_store: bool,
}

/// The policies every site has; `[cache.NAME]` in `planb.toml` replaces or adds to them.
pub fn builtin() -> BTreeMap<String, Policy> {
    let landing = Policy {
        // No s-maxage: it implies proxy-revalidate at shared caches, which forbids them to serve
        // stale content (RFC 9111 §5.2.2.10), and serving stale is the whole point here.
        max_age: Some(300),
        stale_while_revalidate: Some(60),
        stale_if_error: Some(86_400),
        ..Policy::default()
    };
    let short = Policy {
        max_age: Some(10),
        ..Policy::default()
    };
    let no_store = Policy {
        no_store: true,
        ..Policy::default()
    };
    [
        ("landing", landing),
        ("error", short),
        ("overflow", short),
        ("no-store", no_store),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

impl Policy {
    /// Combinations that cannot work, as a message; None when the policy is sound.
    pub fn problem(&self) -> Option<&'static str> {
        let stale = self.stale_if_error.is_some() || self.stale_while_revalidate.is_some();
        if self.no_store && (self.max_age.is_some() || self.s_maxage.is_some() || stale) {
            return Some(
                "`no_store` forbids caching: it cannot be combined with ages or stale-* directives",
            );
        }
        if self.s_maxage.is_some() && stale {
            return Some(
                "`s_maxage` implies proxy-revalidate, which forbids shared caches (the CDN) to serve stale content (RFC 9111 §5.2.2.10): `stale_if_error` and `stale_while_revalidate` would never apply there; use `max_age` instead",
            );
        }
        if !self.no_store && self.max_age.is_none() && self.s_maxage.is_none() {
            return Some(
                "give `max_age` (or `no_store = true`): without explicit freshness, caches may not store error statuses at all (RFC 9111 §3)",
            );
        }
        None
    }

    /// The `Cache-Control` header value.
    pub fn header(&self) -> String {
        if self.no_store {
            return "no-store".to_owned();
        }
        let mut parts = vec!["public".to_owned()];
        let directives = [
            ("max-age", self.max_age),
            ("s-maxage", self.s_maxage),
            ("stale-while-revalidate", self.stale_while_revalidate),
            ("stale-if-error", self.stale_if_error),
        ];
        for (name, value) in directives {
            if let Some(v) = value {
                parts.push(format!("{name}={v}"));
            }
        }
        parts.join(", ")
    }

    /// How long a shared cache (the CDN) keeps the page fresh: what targets without
    /// `Cache-Control` semantics (CloudFront's ErrorCachingMinTTL, Varnish's ttl) take.
    pub fn edge_ttl(&self) -> u32 {
        if self.no_store {
            0
        } else {
            self.s_maxage.or(self.max_age).unwrap_or(0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_policies_are_sound() {
        for (name, p) in builtin() {
            assert_eq!(p.problem(), None, "{name}");
        }
        let b = builtin();
        assert_eq!(
            b["landing"].header(),
            "public, max-age=300, stale-while-revalidate=60, stale-if-error=86400"
        );
        assert_eq!(b["error"].header(), "public, max-age=10");
        assert_eq!(b["no-store"].header(), "no-store");
    }

    #[test]
    fn forbidden_combinations() {
        let p = Policy {
            s_maxage: Some(60),
            stale_if_error: Some(60),
            ..Policy::default()
        };
        assert!(p.problem().unwrap().contains("RFC 9111"));
        let p = Policy {
            no_store: true,
            max_age: Some(1),
            ..Policy::default()
        };
        assert!(p.problem().is_some());
        assert!(Policy::default().problem().is_some());
    }
}
