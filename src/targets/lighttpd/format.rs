//! HTML or JSON, where pages have JSON twins, in the Lua both scripts share: `wants_json()` is
//! `negotiate::format::wants_json` written in Lua (the highest q-value among the twin's two
//! types against HTML's, `text/html` and `text/*`; a tie, `*/*`, none, an empty or malformed
//! header: HTML), so lighttpd ranks `Accept` exactly, as it ranks `Accept-Language`. A page
//! with twins carries them as `json`, a table of the same shape; `serve` takes it for an app.

/// planb's `negotiate::format::wants_json`, line for line (it uses `trim` and
/// `q_of_parameters` from `language::HELPERS`).
pub const WANTS_JSON: &str = r#"
-- An RFC 9110 token: what a media type or subtype is made of.
local function is_token(text)
  return string.match(text, "^[%w!#$%%&'*+%-.^_`|~]+$") ~= nil
end

-- One part of Accept: its media range, lowercase, and q-value; nil when malformed.
local function media_range(part)
  local pieces = {}
  for piece in string.gmatch(part .. ";", "([^;]*);") do pieces[#pieces + 1] = piece end
  local range = string.lower(trim(pieces[1]))
  local kind, sub = string.match(range, "^([^/]*)/(.*)$")
  if not kind or not is_token(kind) or not is_token(sub) then return nil end
  local q = q_of_parameters(pieces)
  if not q then return nil end
  return range, q
end

-- Whether the request gets the JSON twin: JSON ranked above HTML.
local function wants_json()
  local header = r.req_header["Accept"]
  if not header then return false end
  local json, html = 0, 0
  for part in string.gmatch(header .. ",", "([^,]*),") do
    local range, q = media_range(part)
    if range == "application/json" or range == "application/problem+json" then
      if q > json then json = q end
    elseif range == "text/html" or range == "text/*" then
      if q > html then html = q end
    end
  end
  return json > html
end
"#;
