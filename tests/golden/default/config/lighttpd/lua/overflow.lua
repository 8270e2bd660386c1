-- planb for lighttpd: overflow mode, on each request (generated; do not edit).
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

-- Every request, whatever its path: the overflow page with 503.
local overflow = { file = "/srv/planb/public/_planb/overflow.html", headers = {
  { "Content-Type", "text/html; charset=utf-8" },
  { "Cache-Control", "public, max-age=10" },
  { "Content-Security-Policy", "default-src 'none'; img-src data:; font-src data:; style-src 'sha256-krZ/Hi4QFrdwRKXZYtt1gobqcnoCsBSo/Rn44cPXXDM=' 'sha256-wRLv25fADkyUrGOQFDiW2U1NNaiNTrnFfU92udVwrLY='; script-src 'sha256-25iobou2YZI3vOL/Ox0VdCQq4UT7JOWzNg1qirA2VOs='; connect-src 'self'; base-uri 'none'; form-action 'self' https:; frame-ancestors 'none'" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "strict-origin-when-cross-origin" },
  { "Retry-After", "120" },
} }
r.req_env["PLANB_SERVED"] = "1"
return serve(overflow, 503) or 503
