-- Shared by the wrk scripts: random access tokens and account ids from the
-- seed file, and a JSON summary (requests/s, latency p50/p99) at the end.
local tokens, accounts = {}, {}

function load_tokens(path)
  for line in io.lines(path) do
    local id, token = line:match("^(%d+)\t(%S+)$")
    if id then
      accounts[#accounts + 1] = id
      tokens[#tokens + 1] = token
    end
  end
end

function random_token() return tokens[math.random(#tokens)] end
function random_account() return accounts[math.random(#accounts)] end
function token_count() return #tokens end
function token_at(i) return tokens[i % #tokens + 1] end
function account_at(i) return accounts[i % #accounts + 1] end

function summary(latency, requests, duration_us, errors)
  local seconds = duration_us / 1e6
  io.write(string.format(
    '{"requests_per_second": %.1f, "p50_ms": %.3f, "p99_ms": %.3f, "requests": %d, "errors": %d}\n',
    requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000, requests,
    errors))
end
