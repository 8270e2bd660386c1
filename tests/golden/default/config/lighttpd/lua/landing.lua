-- planb for lighttpd: landing mode, on each request (generated; do not edit).
local r = lighty.r

-- The page's file with exactly its headers (lighttpd adds Date, Server, Content-Length), or
-- nil when the file cannot be read: never an empty page.
local function serve(page, status)
  if not lighty.c.stat(page.file) then
    print("planb: cannot read " .. page.file)
    return nil
  end
  local names = {}
  for name in pairs(r.resp_header) do names[#names + 1] = name end
  for _, name in ipairs(names) do r.resp_header[name] = nil end
  for _, h in ipairs(page.headers) do r.resp_header[h[1]] = h[2] end
  r.resp_body.set({ { filename = page.file } })
  r.req_env["PLANB_SERVED"] = "1"
  return status
end

-- The home: 302 (never 301, which browsers keep forever) to the landing page, never stored.
if r.req_attr["uri.path"] == "/" then
  r.resp_header["Location"] = "/_planb/landing.html"
  r.resp_header["Cache-Control"] = "no-store"
  r.req_env["PLANB_SERVED"] = "1"
  return 302
end

-- Each page at its own URL, with 200 there.
local pages = {
["/_planb/errors/400.html"] = { file = "/srv/planb/public/_planb/errors/400.html", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-EuGfzghvtcvLalZn6PpR7+QvNJVxyrfklzlwtIW7q0U=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
} },
["/_planb/errors/401.html"] = { file = "/srv/planb/public/_planb/errors/401.html", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-EuGfzghvtcvLalZn6PpR7+QvNJVxyrfklzlwtIW7q0U=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
} },
["/_planb/errors/403.html"] = { file = "/srv/planb/public/_planb/errors/403.html", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-EuGfzghvtcvLalZn6PpR7+QvNJVxyrfklzlwtIW7q0U=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
} },
["/_planb/errors/404.html"] = { file = "/srv/planb/public/_planb/errors/404.html", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-6GHxWMc4hRfnnqhfiGZLY8GMbgQFlHKWZ2nLkvAigfs=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
} },
["/_planb/errors/405.html"] = { file = "/srv/planb/public/_planb/errors/405.html", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-EuGfzghvtcvLalZn6PpR7+QvNJVxyrfklzlwtIW7q0U=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
} },
["/_planb/errors/408.html"] = { file = "/srv/planb/public/_planb/errors/408.html", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-EuGfzghvtcvLalZn6PpR7+QvNJVxyrfklzlwtIW7q0U=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
} },
["/_planb/errors/410.html"] = { file = "/srv/planb/public/_planb/errors/410.html", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-EuGfzghvtcvLalZn6PpR7+QvNJVxyrfklzlwtIW7q0U=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
} },
["/_planb/errors/413.html"] = { file = "/srv/planb/public/_planb/errors/413.html", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-EuGfzghvtcvLalZn6PpR7+QvNJVxyrfklzlwtIW7q0U=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
} },
["/_planb/errors/429.html"] = { file = "/srv/planb/public/_planb/errors/429.html", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "no-store" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-EuGfzghvtcvLalZn6PpR7+QvNJVxyrfklzlwtIW7q0U=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Retry-After", "120" },
} },
["/_planb/errors/500.html"] = { file = "/srv/planb/public/_planb/errors/500.html", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-EuGfzghvtcvLalZn6PpR7+QvNJVxyrfklzlwtIW7q0U=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
} },
["/_planb/errors/501.html"] = { file = "/srv/planb/public/_planb/errors/501.html", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-EuGfzghvtcvLalZn6PpR7+QvNJVxyrfklzlwtIW7q0U=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
} },
["/_planb/errors/502.html"] = { file = "/srv/planb/public/_planb/errors/502.html", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-EuGfzghvtcvLalZn6PpR7+QvNJVxyrfklzlwtIW7q0U=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
} },
["/_planb/errors/503.html"] = { file = "/srv/planb/public/_planb/errors/503.html", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-EuGfzghvtcvLalZn6PpR7+QvNJVxyrfklzlwtIW7q0U=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Retry-After", "120" },
} },
["/_planb/errors/504.html"] = { file = "/srv/planb/public/_planb/errors/504.html", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-EuGfzghvtcvLalZn6PpR7+QvNJVxyrfklzlwtIW7q0U=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
} },
["/_planb/landing.html"] = { file = "/srv/planb/public/_planb/landing.html", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=300, stale-while-revalidate=60, stale-if-error=86400" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-nhBBFXslac1B6YWvfzbi3RR6vfupJH4enjAi860bxY0=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
} },
["/_planb/overflow.html"] = { file = "/srv/planb/public/_planb/overflow.html", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-krZ/Hi4QFrdwRKXZYtt1gobqcnoCsBSo/Rn44cPXXDM=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; script-src 'sha256-25iobou2YZI3vOL/Ox0VdCQq4UT7JOWzNg1qirA2VOs='; connect-src 'self'; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Retry-After", "120" },
} },
}
local path = r.req_attr["uri.path"]
local page = pages[path]
if page then return serve(page, 200) end

-- Anything else under /_planb/ is planb's: never the application's.
local prefix = "/_planb/"
if string.sub(path, 1, #prefix) == prefix then
  r.req_env["PLANB_SERVED"] = "1"
  return serve({ file = "/srv/planb/public/_planb/errors/404.html", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-6GHxWMc4hRfnnqhfiGZLY8GMbgQFlHKWZ2nLkvAigfs=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
} }, 404) or 404
end
return 0
