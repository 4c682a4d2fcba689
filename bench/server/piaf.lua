-- wrk -s bench/server/piaf.lua URL -- TOKENS_FILE MIX [RATE CONNECTIONS]
-- MIX: home | account | compose | mix (60 % home, 30 % account, 10 % compose,
-- as DeathStarBench's social network) | cold (every account's home once, in
-- order, then stop: the first reads after a start) | sweep (every account's
-- home and account timeline, in order, round again until the time is up: the
-- warm-up).
-- RATE: about RATE requests/s in all, paced (each of the CONNECTIONS waits
-- CONNECTIONS/RATE s between its requests).
package.path = package.path .. ";" .. debug.getinfo(1, "S").source:match("@?(.*/)") .. "?.lua"
require "common"

local mix = "home"
local counter = 0
local pause_ms = 0
local threads = 0

function setup(thread)
  thread:set("thread_index", threads)
  threads = threads + 1
end

function init(args)
  load_tokens(args[1])
  mix = args[2] or "home"
  if args[3] then pause_ms = 1000 * tonumber(args[4]) / tonumber(args[3]) end
  counter = thread_index or 0
  if mix == "cold" then
    -- Each of the two threads reads half the homes, then stops.
    local left = math.ceil(token_count() / 2)
    response = function()
      left = left - 1
      if left == 0 then wrk.thread:stop() end
    end
  end
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0) % 100000)
end

local function home()
  return wrk.format("GET", "/api/v1/timelines/home?limit=20",
                    {["Authorization"] = "Bearer " .. random_token()})
end

local function account()
  return wrk.format("GET", "/api/v1/accounts/" .. random_account() .. "/statuses?limit=20",
                    {["Authorization"] = "Bearer " .. random_token()})
end

local function compose()
  counter = counter + 1
  local body = '{"status": "Bench post ' .. counter .. ' #bench @' .. "x" .. '"}'
  return wrk.format("POST", "/api/v1/statuses",
                    {["Authorization"] = "Bearer " .. random_token(),
                     ["Content-Type"] = "application/json"}, body)
end

function delay() return pause_ms end

local function sweep()
  -- Thread 0 takes the even, thread 1 the odd steps; the first pass reads
  -- every home, the second every account timeline.
  local i = counter
  counter = counter + 2
  local n = token_count()
  if i % (2 * n) < n then
    return wrk.format("GET", "/api/v1/timelines/home?limit=20",
                      {["Authorization"] = "Bearer " .. token_at(i)})
  end
  return wrk.format("GET", "/api/v1/accounts/" .. account_at(i) .. "/statuses?limit=20",
                    {["Authorization"] = "Bearer " .. token_at(i)})
end

function request()
  if mix == "sweep" or mix == "cold" then return sweep() end
  if mix == "home" then return home() end
  if mix == "account" then return account() end
  if mix == "compose" then return compose() end
  local r = math.random(100)
  if r <= 60 then return home() end
  if r <= 90 then return account() end
  return compose()
end

function done(summary_, latency, requests)
  summary(latency, summary_.requests, summary_.duration, summary_.errors.status + summary_.errors.connect
          + summary_.errors.read + summary_.errors.write + summary_.errors.timeout)
end
