-- wrk script for bench/shield: classifies every response against a list of expected answers and
-- prints the counts, so that "every answer is the application's or planb's overflow page" is
-- counted, not assumed from wrk's status codes (wrk calls every 503 an error, and a 200 with an
-- empty body a success).
--
--   wrk ... -s bench/shield.lua URL -- EXPECT_FILE
--
-- EXPECT_FILE, one rule a line, fields separated by tabs:
--   answer  KIND  STATUS              starts a variant of the answers of kind KIND: this status,
--   header  KIND  NAME  VALUE         ... this header with exactly this value,
--   body    KIND  ENCODING  FILE      ... and a body equal to FILE, sent with this Content-Encoding
--                                     ("identity": none),
--   text    KIND  ENCODING  TEXT      ... or equal to TEXT.
-- A response is of kind KIND when it matches one of its variants (the status, every header and
-- one of the bodies); any other response is wrong, and the first few reasons are printed. A kind
-- may have several variants: planb's overflow page is one per encoding, each with its headers
-- (the manifest's entries for the page, its .gz and its .br). Socket errors (connect, read,
-- write, timeout) come from wrk's own summary.
--
-- Output (done), one line each, for bench/shield to parse:
--   shield-result requests=N duration_us=N p99_us=N connect=N read=N write=N timeout=N
--                 kind:KIND=N ... wrong=N
--   shield-wrong N REASON

local variants, names = {}, {}

local function slurp(path)
  local f = assert(io.open(path, "rb"), "cannot read " .. path)
  local data = f:read("*a")
  f:close()
  return data
end

local function load(path)
  for line in io.lines(path) do
    local f = {}
    for field in (line .. "\t"):gmatch("([^\t]*)\t") do f[#f + 1] = field end
    local v = variants[#variants]
    if f[1] == "answer" then
      variants[#variants + 1] = { kind = f[2], status = tonumber(f[3]), headers = {}, bodies = {} }
      names[f[2]] = true
    elseif f[1] == "header" then
      v.headers[#v.headers + 1] = { name = f[3]:lower(), value = f[4] }
    elseif f[1] == "body" then
      v.bodies[#v.bodies + 1] = { encoding = f[3], data = slurp(f[4]) }
    elseif f[1] == "text" then
      v.bodies[#v.bodies + 1] = { encoding = f[3], data = f[4] }
    end
  end
end

-- Per thread (each wrk thread has its own Lua state): counts and the reasons of wrong answers.
counts, reasons, distinct = {}, {}, 0

function init(args)
  load(assert(args[1], "usage: wrk -s shield.lua URL -- EXPECT_FILE"))
  for name in pairs(names) do counts[name] = 0 end
  counts.wrong = 0
end

local function lowered(headers)
  local out = {}
  for name, value in pairs(headers) do out[name:lower()] = value end
  return out
end

-- nil when the response is of kind `k`, else why not.
local function mismatch(k, status, headers, body)
  if status ~= k.status then return "status " .. status end
  local encoding = headers["content-encoding"] or "identity"
  local found = false
  for _, b in ipairs(k.bodies) do
    if b.encoding == encoding and #b.data == #body and b.data == body then found = true break end
  end
  if not found then
    -- e.g. a server gzipping planb's page itself: the bytes are not the manifest's .gz.
    return status .. ", " .. #body .. " bytes " .. encoding .. " body: not the manifest's bytes"
  end
  for _, h in ipairs(k.headers) do
    if headers[h.name] ~= h.value then
      return status .. ", header " .. h.name .. ": " .. tostring(headers[h.name])
        .. " (expected " .. h.value .. ")"
    end
  end
  return nil
end

function response(status, headers, body)
  local h = lowered(headers)
  local why
  for _, v in ipairs(variants) do
    local reason = mismatch(v, status, h, body or "")
    if not reason then
      counts[v.kind] = counts[v.kind] + 1
      return
    end
    -- The reason worth printing is the one of a variant with the same status and encoding.
    if not why or (status == v.status and v.bodies[1].encoding == (h["content-encoding"] or "identity")) then
      why = v.kind .. "? " .. reason
    end
  end
  counts.wrong = counts.wrong + 1
  if reasons[why] then
    reasons[why] = reasons[why] + 1
  elseif distinct < 20 then
    reasons[why] = 1
    distinct = distinct + 1
  end
end

local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
end

function done(summary, latency, requests)
  local total, why = {}, {}
  for _, t in ipairs(threads) do
    for name, n in pairs(t:get("counts")) do total[name] = (total[name] or 0) + n end
    for reason, n in pairs(t:get("reasons")) do why[reason] = (why[reason] or 0) + n end
  end
  local e = summary.errors
  local line = string.format(
    "shield-result requests=%d duration_us=%d p99_us=%d connect=%d read=%d write=%d timeout=%d",
    summary.requests, summary.duration, latency:percentile(99), e.connect, e.read, e.write,
    e.timeout)
  for name, n in pairs(total) do
    if name ~= "wrong" then line = line .. string.format(" kind:%s=%d", name, n) end
  end
  io.write(line .. string.format(" wrong=%d\n", total.wrong or 0))
  local shown = 0
  for reason, n in pairs(why) do
    if shown < 10 then io.write(string.format("shield-wrong %d %s\n", n, reason)) end
    shown = shown + 1
  end
end
