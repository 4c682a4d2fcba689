-- wrk -s bench/server/piaf.lua URL -- TOKENS_FILE MIX
-- MIX: home | account | compose | mix (60 % home, 30 % account, 10 % compose,
-- as DeathStarBench's social network).
package.path = package.path .. ";" .. debug.getinfo(1, "S").source:match("@?(.*/)") .. "?.lua"
require "common"

local mix = "home"
local counter = 0

function init(args)
  load_tokens(args[1])
  mix = args[2] or "home"
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

function request()
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
