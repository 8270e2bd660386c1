//! The shield as the targets see it: `[shield]` resolved into the numbers each one writes in its
//! own syntax (admission control with priority for admitted visitors, stale-first caching of public
//! routes), and how far each target goes (`Support`), which `planb check` reports.

use crate::cache::Policy;
use crate::config::Config;

/// The cookie an admitted visitor holds.
pub const COOKIE: &str = "planb_admitted";

/// The environment variable holding the secret the admission cookie is signed with, the same
/// for every server target that signs it the same way (nginx, HAProxy): `<expiry>.<base64url
/// HMAC-SHA256(secret, expiry)>`, so a cookie one server issued is valid at the other.
pub const SECRET_ENV: &str = "PLANB_ADMISSION_SECRET";
/// Fewer characters than this and the secret is too weak to sign with.
pub const SECRET_MIN: usize = 16;

/// Admission control: at most `capacity` requests reach the application at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Admission {
    /// Requests in flight at once, all visitors together.
    pub capacity: u32,
    /// Requests in flight at once for visitors without a valid admission cookie: the rest of
    /// `capacity` is kept for those already admitted.
    pub strangers: u32,
    /// Seconds an admission cookie keeps its holder's priority.
    pub admitted_for: u32,
}

/// A prefix of public GET routes the edge caches, stale-first, under `policy`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedRoute {
    pub path: String,
    pub policy: Policy,
}

/// Everything `[shield]` asks of the edge.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    pub admission: Option<Admission>,
    pub cache: Vec<CachedRoute>,
    /// `shield.hop`: the loopback address of the edge's own server between its cache and the
    /// application, for targets that need one (nginx, Apache).
    pub hop: String,
}

impl Plan {
    /// The plan `config` asks for (its values were validated with it).
    pub fn of(config: &Config) -> Plan {
        let s = &config.shield;
        let policies = config.cache_policies();
        Plan {
            admission: s.capacity.map(|capacity| Admission {
                capacity,
                strangers: capacity - s.reserved_or_default(),
                admitted_for: s.admitted_for,
            }),
            cache: s
                .cache
                .iter()
                .filter_map(|r| {
                    Some(CachedRoute {
                        path: r.path.clone(),
                        policy: *policies.get(&r.policy)?,
                    })
                })
                .collect(),
            hop: s.hop.clone(),
        }
    }
}

/// How far a target goes with one part of the shield.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Support {
    /// It does exactly what `[shield]` says.
    Full,
    /// It does it, with the limit said here.
    Approximate(&'static str),
    /// It cannot, for the reason said here.
    None(&'static str),
}

/// How far a target goes with each part of the shield.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShieldSupport {
    pub admission: Support,
    pub cache: Support,
}

impl ShieldSupport {
    /// A target planb writes no shield for (yet).
    pub const NONE: ShieldSupport = ShieldSupport {
        admission: Support::None("planb writes no admission control for it"),
        cache: Support::None("planb writes no cache for it"),
    };

    /// What `planb check` says of `plan` on a target with this support, one line each.
    pub fn warnings(&self, target: &str, plan: &Plan) -> Vec<String> {
        let mut out = Vec::new();
        let parts = [
            ("shield.capacity", plan.admission.is_some(), self.admission),
            ("shield.cache", !plan.cache.is_empty(), self.cache),
        ];
        for (key, asked, support) in parts {
            match support {
                _ if !asked => {}
                Support::Full => {}
                Support::Approximate(why) => {
                    out.push(format!("{target}: `{key}` is approximate: {why}"))
                }
                Support::None(why) => out.push(format!("{target}: `{key}` is not applied: {why}")),
            }
        }
        out
    }
}
