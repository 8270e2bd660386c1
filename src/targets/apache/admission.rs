//! Admission control for `[shield] capacity`: the snippet's part (two mod_proxy balancers, one
//! per kind of visitor, each capped with `max=`, and the rewrite that picks one) and the mod_lua
//! script that checks and issues the signed admission cookie.
//!
//! Traps this avoids (each proved by `tests/edge_apache_shield.rs`):
//! - `max=` without `acquire=` makes a request beyond the cap WAIT for a connection; `acquire=1`
//!   (milliseconds) makes mod_proxy answer 503 at once, which `ErrorDocument 503` turns into the
//!   overflow page. httpd cannot tell that 503 from the application's own, so with admission on
//!   every 503 gets the overflow page.
//! - Two workers with the same URL are one worker with one pool: each kind of visitor has its own
//!   balancer, whose member is a worker of its own.
//! - `Header set Set-Cookie` would replace the application's own cookie: `Header add`, and
//!   without `always`, so only answers the edge let through carry it; never an answer marked
//!   `public` or `s-maxage`, which a CDN in front of httpd could store and hand to everyone.
//! - `max=` is per child process: the example runs one child (`ServerLimit 1`).
//! - mod_lua's default `LuaScope once` builds a Lua state and compiles the script for every
//!   request: with it, httpd answered 1,021 overflow pages a second where it answers 5,080
//!   without Lua (bench/shield, 5,000 connections). The hook runs with `LuaScope thread` (one
//!   state per thread, reused), the script pads the key once per secret, and the hook is in the
//!   modes that proxy only (normal, landing): overflow refuses everyone and asks no script.
//! - A kept state with mod_lua's default `LuaCodeCache stat` crashes the child (httpd 2.4.71)
//!   on every request when the script is missing, where `once` answered 500: the code cache is
//!   `forever` (compiled once per state; a graceful restart reads it again), which answers 500.
//! - The secret is never in the bundle (two builds are byte-identical, `public/` goes to a CDN):
//!   the script reads `planb-secret` beside itself, a file the operator creates.

use std::fmt::Write as _;

use super::quoting::quote;
use crate::targets::EdgeSite;
use crate::targets::shield::{Admission, COOKIE};

/// The mod_lua script's file name, beside the snippet.
pub const SCRIPT: &str = "planb-admission.lua";

/// The balancers of visitors holding a valid cookie, and of the others.
const ADMITTED: &str = "balancer://planb-admitted";
const STRANGERS: &str = "balancer://planb-strangers";

/// The paths admission leaves alone: planb's pages. (The `[[shield.cache]]` prefixes' shared
/// requests are routed to the hop before admission's rules, so they are not counted either.)
fn skipped(site: &EdgeSite) -> Vec<String> {
    vec![format!("{}/", site.edge.prefix)]
}

fn balancer(site: &EdgeSite, name: &str, max: u32) -> String {
    let t = site.edge.timeout;
    format!(
        "<Proxy {}>\n    BalancerMember {} max={max} acquire=1 connectiontimeout={t} timeout={t} retry=0\n</Proxy>\n",
        quote(name),
        quote(&format!("http://{}", site.edge.upstream)),
    )
}

/// The mode files' part, for the modes that proxy: the hook that reads the cookie.
pub fn hook() -> String {
    format!(
        "\n# Admission: planb-admission.lua tells holders of a valid `{COOKIE}` cookie from strangers\n\
         # (planb.conf routes each to its pool). One Lua state per thread, reused: the default\n\
         # (`once`) builds one and compiles the script for every request.\n\
         # mod_lua reads a relative path from the working directory: PLANB_DIR is this folder.\n\
         <IfDefine !PLANB_DIR>\n    Define PLANB_DIR /etc/apache2/planb\n</IfDefine>\n\
         LuaScope thread\n\
         # The script is compiled once per state (a graceful restart reads it again): with the\n\
         # default `stat`, a kept state crashes its child on every request once the script is gone.\n\
         LuaCodeCache forever\n\
         LuaHookTranslateName {} check early\n",
        quote(&format!("${{PLANB_DIR}}/{SCRIPT}")),
    )
}

/// The snippet's part: the two pools, the routing, the cookie.
pub fn text(site: &EdgeSite, a: &Admission) -> String {
    let mut out = format!(
        "\n# Admission: at most {c} requests reach the application at once (per child process):\n\
         # {s} for visitors without a valid `{COOKIE}` cookie, {r} kept for those who hold one\n\
         # (the mode file's hook tells them apart). Beyond, mod_proxy answers 503 at once\n\
         # (acquire=1 ms): the overflow page.\n\
         LogLevel proxy_balancer:crit\n",
        c = a.capacity,
        s = a.strangers,
        r = a.capacity - a.strangers,
    );
    out.push_str(&balancer(site, STRANGERS, a.strangers));
    out.push_str(&balancer(site, ADMITTED, a.capacity - a.strangers));
    out.push_str("RewriteEngine On\n# Not counted: planb's pages.\n");
    for path in skipped(site) {
        let pattern = format!("^{}", path.replace('.', "\\."));
        let _ = writeln!(out, "RewriteRule {} - [L]", quote(&pattern));
    }
    let _ = write!(
        out,
        "RewriteCond \"%{{ENV:PLANB_ADMITTED}}\" \"=1\"\n\
         RewriteRule \"^/(.*)$\" {} [P,L]\n\
         RewriteRule \"^/(.*)$\" {} [P,L]\n\
         # add, never set (the application's own cookies stay); successful answers only, and\n\
         # never one a shared cache may store (a CDN in front would hand it to everyone).\n\
         Header add Set-Cookie \"%{{PLANB_NEW_COOKIE}}e\" \"expr=-n reqenv('PLANB_NEW_COOKIE') && resp('Cache-Control') !~ /(^|[ ,])(public|s-maxage)/i\"\n",
        quote(&format!("{ADMITTED}/$1")),
        quote(&format!("{STRANGERS}/$1")),
    );
    out
}

/// The script: `PLANB_ADMITTED=1` for a valid cookie, else `PLANB_NEW_COOKIE` to issue one.
pub fn script(site: &EdgeSite, a: &Admission) -> String {
    let skip: Vec<String> = skipped(site).iter().map(|p| format!("{p:?}")).collect();
    format!(
        r#"-- planb admission cookie for Apache mod_lua (generated; do not edit).
-- "{COOKIE}=<expiry epoch>.<hex HMAC-SHA1(secret, expiry)>", valid {ttl} s. The secret is the
-- file planb-secret beside this script (created by the operator, never by planb); without it,
-- nobody is admitted with priority and no cookie is issued.
local COOKIE = "{COOKIE}"
local TTL = {ttl}
local SKIP = {{ {skip} }}

local function secret()
  local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
  local f = io.open(dir .. "planb-secret", "rb")
  if not f then return nil end
  local s = (f:read("*a") or ""):gsub("%s+$", "")
  f:close()
  if #s < 16 then return nil end
  return s
end

local function unhex(h)
  return (h:gsub("..", function(x) return string.char(tonumber(x, 16)) end))
end

-- The key's inner and outer pads, computed once per secret: this state lives as long as its
-- thread (LuaScope thread), and padding byte by byte in Lua on every request was most of the
-- script's cost.
local padded_for, ipad, opad

local function pads(r, key)
  if key ~= padded_for then
    local k = key
    if #k > 64 then k = unhex(r:sha1(k)) end
    k = k .. string.rep("\0", 64 - #k)
    ipad = k:gsub(".", function(c) return string.char(c:byte() ~ 0x36) end)
    opad = k:gsub(".", function(c) return string.char(c:byte() ~ 0x5c) end)
    padded_for = key
  end
  return ipad, opad
end

-- HMAC-SHA1 (RFC 2104) on r:sha1, the only digest mod_lua offers.
local function hmac(r, key, msg)
  local i, o = pads(r, key)
  return r:sha1(o .. unhex(r:sha1(i .. msg)))
end

function check(r)
  for _, p in ipairs(SKIP) do
    if r.uri:sub(1, #p) == p then return apache2.DECLINED end
  end
  local key = secret()
  if not key then return apache2.DECLINED end
  local cookies = ";" .. (r.headers_in["Cookie"] or "")
  local exp, sig = cookies:match(";%s*" .. COOKIE .. "=(%d+)%.(%x+)")
  local now = os.time()
  if exp and #exp <= 12 and tonumber(exp) > now and sig == hmac(r, key, exp) then
    r.subprocess_env["PLANB_ADMITTED"] = "1"
  else
    local e = tostring(now + TTL)
    r.subprocess_env["PLANB_NEW_COOKIE"] = COOKIE .. "=" .. e .. "." .. hmac(r, key, e)
      .. "; Max-Age=" .. TTL .. "; Path=/; HttpOnly; SameSite=Lax"
  end
  return apache2.DECLINED
end
"#,
        ttl = a.admitted_for,
        skip = skip.join(", "),
    )
}
