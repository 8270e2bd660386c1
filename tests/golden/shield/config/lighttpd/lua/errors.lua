-- planb for lighttpd: the application's errors, when a response starts (generated; do not edit).
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

-- Answers planb made itself are left alone.
if r.req_env["PLANB_SERVED"] then return 0 end

-- Each status with a page, and its page; the status is kept.
local pages = {
[404] = { file = "/srv/planb/public/_planb/errors/404.html", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-C+EviOG8IYLry7kp+8e9y47gLafsqQGHfS3MIXUqXCo=' 'sha256-svvoVz1PfGZp6eQ/k4krhhz5SfuVBTyUlppMQgQ1Uog='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
} },
[429] = { file = "/srv/planb/public/_planb/errors/429.html", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "no-store" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-C+EviOG8IYLry7kp+8e9y47gLafsqQGHfS3MIXUqXCo=' 'sha256-svvoVz1PfGZp6eQ/k4krhhz5SfuVBTyUlppMQgQ1Uog='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Retry-After", "60" },
} },
[500] = { file = "/srv/planb/public/_planb/errors/500.html", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-C+EviOG8IYLry7kp+8e9y47gLafsqQGHfS3MIXUqXCo=' 'sha256-svvoVz1PfGZp6eQ/k4krhhz5SfuVBTyUlppMQgQ1Uog='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
} },
[502] = { file = "/srv/planb/public/_planb/errors/502.html", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-C+EviOG8IYLry7kp+8e9y47gLafsqQGHfS3MIXUqXCo=' 'sha256-svvoVz1PfGZp6eQ/k4krhhz5SfuVBTyUlppMQgQ1Uog='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
} },
[503] = { file = "/srv/planb/public/_planb/errors/503.html", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-C+EviOG8IYLry7kp+8e9y47gLafsqQGHfS3MIXUqXCo=' 'sha256-svvoVz1PfGZp6eQ/k4krhhz5SfuVBTyUlppMQgQ1Uog='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Retry-After", "60" },
} },
[504] = { file = "/srv/planb/public/_planb/errors/504.html", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-C+EviOG8IYLry7kp+8e9y47gLafsqQGHfS3MIXUqXCo=' 'sha256-svvoVz1PfGZp6eQ/k4krhhz5SfuVBTyUlppMQgQ1Uog='; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
} },
}
local status = r.req_item.http_status
local page = pages[status]
if page == nil then return 0 end
-- Returning the status marks the new body complete (resp_body.set marks it unfinished).
return serve(page, status) or 0
