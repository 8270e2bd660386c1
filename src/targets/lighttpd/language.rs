//! The visitor's language, on a site in several, in the Lua both scripts share: `language()`
//! is `negotiate::pick_language` written in Lua (ranges by q-value, the order written among
//! equal ones; RFC 4647 lookup, `en-GB` finding `en`; `q=0` refusing; no match, `*`, an empty
//! or malformed header: the default), so lighttpd ranks exactly, where the servers that only
//! match a regular expression go by the order written. A negotiated page is a table of its
//! variants in the site's order; `serve` takes the visitor's and says `Vary`.

use crate::targets::EdgeSite;

use super::strings::lua_string;

/// The Lua that picks the visitor's variant: `language()` on a site in several languages,
/// `wants_json()` where pages have JSON twins, and what both use; nothing where neither.
pub fn lua(site: &EdgeSite) -> String {
    let mut out = String::new();
    if site.is_multilingual() || site.has_twins() {
        out.push_str(HELPERS);
    }
    if site.is_multilingual() {
        let languages: Vec<String> = site
            .languages
            .iter()
            .map(|l| lua_string(&l.to_ascii_lowercase()))
            .collect();
        out.push_str(&format!(
            "\n-- The site's languages, the default first.\n\
             local languages = {{ {} }}\n\
             {LOOKUP}",
            languages.join(", ")
        ));
    }
    if site.has_twins() {
        out.push_str(super::format::WANTS_JSON);
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// What `language()` and `wants_json()` share: `negotiate`'s `trim` and `qvalue`, and the
/// q-value of a part's parameters.
const HELPERS: &str = r#"local function trim(s) return (string.gsub(s, "^%s*(.-)%s*$", "%1")) end

-- A q-value in thousandths: 0, 1, 0.5, 1.000 (at most three decimals); nil when malformed.
local function qvalue(text)
  local whole, fraction = text, ""
  local dot = string.find(text, ".", 1, true)
  if dot then whole, fraction = string.sub(text, 1, dot - 1), string.sub(text, dot + 1) end
  if #fraction > 3 or not string.match(fraction, "^%d*$") then return nil end
  local thousandths = tonumber(string.sub(fraction .. "000", 1, 3))
  if whole == "0" then return thousandths end
  if whole == "1" and thousandths == 0 then return 1000 end
  return nil
end

-- The q-value of a header's part, from its parameters (`pieces` after the first): 1000 when none
-- is given; nil when a parameter has no `=` or the q-value is malformed (the part is skipped).
local function q_of_parameters(pieces)
  local q = 1000
  for i = 2, #pieces do
    local name, value = string.match(pieces[i], "^([^=]*)=(.*)$")
    if not name then return nil end
    if string.lower(trim(name)) == "q" then
      q = qvalue(trim(value))
      if not q then return nil end
    end
  end
  return q
end
"#;

/// planb's `negotiate::pick_language`, line for line.
const LOOKUP: &str = r#"
-- `*`, or subtags of 1 to 8 letters and digits joined by `-`, the first letters only.
local function is_range(range)
  if range == "*" then return true end
  local first = true
  for subtag in string.gmatch(range .. "-", "([^-]*)-") do
    if #subtag < 1 or #subtag > 8 then return false end
    if not string.match(subtag, first and "^%a+$" or "^%w+$") then return false end
    first = false
  end
  return true
end

-- One part of the header: its range, lowercase, and q-value; nil when malformed.
local function parse(part)
  local pieces = {}
  for piece in string.gmatch(part .. ";", "([^;]*);") do pieces[#pieces + 1] = piece end
  local range = string.lower(trim(pieces[1]))
  if not is_range(range) then return nil end
  local q = q_of_parameters(pieces)
  if not q then return nil end
  return range, q
end

-- The index in `languages` of the one the visitor gets: 1, the default, when nothing matches.
local function language()
  local header = r.req_header["Accept-Language"]
  if not header then return 1 end
  local ranges, refused = {}, {}
  for part in string.gmatch(header .. ",", "([^,]*),") do
    local range, q = parse(part)
    if range then
      ranges[#ranges + 1] = { range = range, q = q, at = #ranges }
      if q == 0 then refused[range] = true end
    end
  end
  -- By descending q-value, the order written among equal ones (table.sort is not stable).
  table.sort(ranges, function(a, b)
    if a.q ~= b.q then return a.q > b.q end
    return a.at < b.at
  end)
  for _, range in ipairs(ranges) do
    if range.q > 0 and range.range ~= "*" then
      local candidate = range.range
      while candidate do
        if not refused[candidate] then
          for i, l in ipairs(languages) do
            if l == candidate then return i end
          end
        end
        -- RFC 4647 3.4: drop the last subtag, and a single letter left before it.
        candidate = string.match(candidate, "^(.*)%-[^-]*$")
        if candidate and string.match(candidate, "%-%w$") then
          candidate = string.sub(candidate, 1, -3)
        end
      end
    end
  end
  return 1
end
"#;
