-- planb admission cookie for Apache mod_lua (generated; do not edit).
-- "planb_admitted=<expiry epoch>.<hex HMAC-SHA1(secret, expiry)>", valid 900 s. The secret is the
-- file planb-secret beside this script (created by the operator, never by planb); without it,
-- nobody is admitted with priority and no cookie is issued.
local COOKIE = "planb_admitted"
local TTL = 900
local SKIP = { "/_planb/" }

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
