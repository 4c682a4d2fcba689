-- wrk -s bench/server/static.lua URL : the machine's ceiling (nginx, a static file).
package.path = package.path .. ";" .. debug.getinfo(1, "S").source:match("@?(.*/)") .. "?.lua"
require "common"
function done(summary_, latency, requests)
  summary(latency, summary_.requests, summary_.duration, summary_.errors.status + summary_.errors.connect
          + summary_.errors.read + summary_.errors.write + summary_.errors.timeout)
end
