-- planb for lighttpd: landing mode, on each request (generated; do not edit).
local r = lighty.r

local function trim(s) return (string.gsub(s, "^%s*(.-)%s*$", "%1")) end

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

-- The site's languages, the default first.
local languages = { "fr", "en" }

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

-- The page's file with exactly its headers (lighttpd adds Date, Server, Content-Length), or
-- nil when the file cannot be read: never an empty page.
local function serve(page, status)
  if page.json and wants_json() then page = page.json end
  if page.variants then page = page.variants[language()] end
  if not lighty.c.stat(page.file) then
    print("planb: cannot read " .. page.file)
    return nil
  end
  local names = {}
  for name in pairs(r.resp_header) do names[#names + 1] = name end
  for _, name in ipairs(names) do r.resp_header[name] = nil end
  for _, h in ipairs(page.headers) do r.resp_header[h[1]] = h[2] end
  if page.vary then r.resp_header["Vary"] = page.vary end
  r.resp_body.set({ { filename = page.file } })
  r.req_env["PLANB_SERVED"] = "1"
  return status
end

-- The home: 302 (never 301, which browsers keep forever) to the landing page, never stored.
if r.req_attr["uri.path"] == "/" then
  r.resp_header["Location"] = ({ "/_planb/landing.html", "/_planb/landing.en.html" })[language()]
  r.resp_header["Cache-Control"] = "no-store"
  r.resp_header["Vary"] = "Accept-Language"
  r.req_env["PLANB_SERVED"] = "1"
  return 302
end

-- Each page at its own URL, with 200 there.
local pages = {
["/_planb/errors/400.en.html"] = { file = "/srv/planb/public/_planb/errors/400.en.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "en" },
} },
["/_planb/errors/400.html"] = { variants = {
{ file = "/srv/planb/public/_planb/errors/400.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "fr" },
} },
{ file = "/srv/planb/public/_planb/errors/400.en.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "en" },
} }
} },
["/_planb/errors/401.en.html"] = { file = "/srv/planb/public/_planb/errors/401.en.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "en" },
} },
["/_planb/errors/401.html"] = { variants = {
{ file = "/srv/planb/public/_planb/errors/401.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "fr" },
} },
{ file = "/srv/planb/public/_planb/errors/401.en.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "en" },
} }
} },
["/_planb/errors/403.en.html"] = { file = "/srv/planb/public/_planb/errors/403.en.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "en" },
} },
["/_planb/errors/403.html"] = { variants = {
{ file = "/srv/planb/public/_planb/errors/403.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "fr" },
} },
{ file = "/srv/planb/public/_planb/errors/403.en.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "en" },
} }
} },
["/_planb/errors/404.en.html"] = { file = "/srv/planb/public/_planb/errors/404.en.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-cA14uIZG4BrrLCEBBGeH3ujDScY6bh6elGSmWNhwozI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "en" },
} },
["/_planb/errors/404.html"] = { variants = {
{ file = "/srv/planb/public/_planb/errors/404.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-cA14uIZG4BrrLCEBBGeH3ujDScY6bh6elGSmWNhwozI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "fr" },
} },
{ file = "/srv/planb/public/_planb/errors/404.en.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-cA14uIZG4BrrLCEBBGeH3ujDScY6bh6elGSmWNhwozI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "en" },
} }
} },
["/_planb/errors/405.en.html"] = { file = "/srv/planb/public/_planb/errors/405.en.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "en" },
} },
["/_planb/errors/405.html"] = { variants = {
{ file = "/srv/planb/public/_planb/errors/405.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "fr" },
} },
{ file = "/srv/planb/public/_planb/errors/405.en.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "en" },
} }
} },
["/_planb/errors/408.en.html"] = { file = "/srv/planb/public/_planb/errors/408.en.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "en" },
} },
["/_planb/errors/408.html"] = { variants = {
{ file = "/srv/planb/public/_planb/errors/408.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "fr" },
} },
{ file = "/srv/planb/public/_planb/errors/408.en.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "en" },
} }
} },
["/_planb/errors/410.en.html"] = { file = "/srv/planb/public/_planb/errors/410.en.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "en" },
} },
["/_planb/errors/410.html"] = { variants = {
{ file = "/srv/planb/public/_planb/errors/410.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "fr" },
} },
{ file = "/srv/planb/public/_planb/errors/410.en.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "en" },
} }
} },
["/_planb/errors/413.en.html"] = { file = "/srv/planb/public/_planb/errors/413.en.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "en" },
} },
["/_planb/errors/413.html"] = { variants = {
{ file = "/srv/planb/public/_planb/errors/413.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "fr" },
} },
{ file = "/srv/planb/public/_planb/errors/413.en.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "en" },
} }
} },
["/_planb/errors/429.en.html"] = { file = "/srv/planb/public/_planb/errors/429.en.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "no-store" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Retry-After", "120" },
  { "Content-Language", "en" },
} },
["/_planb/errors/429.html"] = { variants = {
{ file = "/srv/planb/public/_planb/errors/429.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "no-store" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Retry-After", "120" },
  { "Content-Language", "fr" },
} },
{ file = "/srv/planb/public/_planb/errors/429.en.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "no-store" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Retry-After", "120" },
  { "Content-Language", "en" },
} }
} },
["/_planb/errors/500.en.html"] = { file = "/srv/planb/public/_planb/errors/500.en.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "en" },
} },
["/_planb/errors/500.html"] = { variants = {
{ file = "/srv/planb/public/_planb/errors/500.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "fr" },
} },
{ file = "/srv/planb/public/_planb/errors/500.en.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "en" },
} }
} },
["/_planb/errors/501.en.html"] = { file = "/srv/planb/public/_planb/errors/501.en.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "en" },
} },
["/_planb/errors/501.html"] = { variants = {
{ file = "/srv/planb/public/_planb/errors/501.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "fr" },
} },
{ file = "/srv/planb/public/_planb/errors/501.en.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "en" },
} }
} },
["/_planb/errors/502.en.html"] = { file = "/srv/planb/public/_planb/errors/502.en.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "en" },
} },
["/_planb/errors/502.html"] = { variants = {
{ file = "/srv/planb/public/_planb/errors/502.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "fr" },
} },
{ file = "/srv/planb/public/_planb/errors/502.en.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "en" },
} }
} },
["/_planb/errors/503.en.html"] = { file = "/srv/planb/public/_planb/errors/503.en.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Retry-After", "120" },
  { "Content-Language", "en" },
} },
["/_planb/errors/503.html"] = { variants = {
{ file = "/srv/planb/public/_planb/errors/503.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Retry-After", "120" },
  { "Content-Language", "fr" },
} },
{ file = "/srv/planb/public/_planb/errors/503.en.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Retry-After", "120" },
  { "Content-Language", "en" },
} }
} },
["/_planb/errors/504.en.html"] = { file = "/srv/planb/public/_planb/errors/504.en.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "en" },
} },
["/_planb/errors/504.html"] = { variants = {
{ file = "/srv/planb/public/_planb/errors/504.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "fr" },
} },
{ file = "/srv/planb/public/_planb/errors/504.en.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-f4KruLO3sjZg0NXnn8umq19SMqwXc7RoYTqjhXmb9WI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "en" },
} }
} },
["/_planb/landing.en.html"] = { file = "/srv/planb/public/_planb/landing.en.html", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=300, stale-while-revalidate=60, stale-if-error=86400" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-o/2rAqwlxnjXr/wZIUU8v/i60mJgZNwqxvxVMsxsgaI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "en" },
} },
["/_planb/landing.html"] = { file = "/srv/planb/public/_planb/landing.html", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=300, stale-while-revalidate=60, stale-if-error=86400" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-o/2rAqwlxnjXr/wZIUU8v/i60mJgZNwqxvxVMsxsgaI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "fr" },
} },
["/_planb/overflow.en.html"] = { file = "/srv/planb/public/_planb/overflow.en.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-6jrCw9RssVd94w6g3BkNqxycZSfb3HY89KmxdUIYpq8=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; script-src 'sha256-hnQLJJUhR120Qf6zcUHFwJNZVcqfueKg67hKStqzL+0='; connect-src 'self'; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Retry-After", "120" },
  { "Content-Language", "en" },
} },
["/_planb/overflow.html"] = { variants = {
{ file = "/srv/planb/public/_planb/overflow.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-6jrCw9RssVd94w6g3BkNqxycZSfb3HY89KmxdUIYpq8=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; script-src 'sha256-hnQLJJUhR120Qf6zcUHFwJNZVcqfueKg67hKStqzL+0='; connect-src 'self'; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Retry-After", "120" },
  { "Content-Language", "fr" },
} },
{ file = "/srv/planb/public/_planb/overflow.en.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-6jrCw9RssVd94w6g3BkNqxycZSfb3HY89KmxdUIYpq8=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; script-src 'sha256-hnQLJJUhR120Qf6zcUHFwJNZVcqfueKg67hKStqzL+0='; connect-src 'self'; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Retry-After", "120" },
  { "Content-Language", "en" },
} }
} },
}
local path = r.req_attr["uri.path"]
local page = pages[path]
if page then return serve(page, 200) end

-- Anything else under /_planb/ is planb's: never the application's.
local prefix = "/_planb/"
if string.sub(path, 1, #prefix) == prefix then
  r.req_env["PLANB_SERVED"] = "1"
  return serve({ variants = {
{ file = "/srv/planb/public/_planb/errors/404.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-cA14uIZG4BrrLCEBBGeH3ujDScY6bh6elGSmWNhwozI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "fr" },
} },
{ file = "/srv/planb/public/_planb/errors/404.en.html", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-cA14uIZG4BrrLCEBBGeH3ujDScY6bh6elGSmWNhwozI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "en" },
} }
},
json = { variants = {
{ file = "/srv/planb/public/_planb/errors/404.json", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "application/problem+json" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-cA14uIZG4BrrLCEBBGeH3ujDScY6bh6elGSmWNhwozI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "fr" },
} },
{ file = "/srv/planb/public/_planb/errors/404.en.json", vary = "Accept-Language, Accept", headers = {
  { "Content-Type", "application/problem+json" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-cA14uIZG4BrrLCEBBGeH3ujDScY6bh6elGSmWNhwozI=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Content-Language", "en" },
} }
} } }, 404) or 404
end
return 0
