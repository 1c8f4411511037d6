-- wrk cross-check of POST /Users (the Maven bench, ThroughputBenchmark, is the reference; see the module README).
-- wrk -t1 -c64 -d20s -s src/test/wrk/post-users.lua http://127.0.0.1:PORT -- RUN_NAME
-- Every request creates a new user, bench-RUN_NAME-N@bench.test: use a new RUN_NAME per run against the same mock.
-- wrk reports answers other than 2xx/3xx (e.g. a duplicate userName) as "Non-2xx or 3xx responses".
local run = "wrk"
local n = 0

function init(args)
  if args[1] then run = args[1] end
end

function request()
  n = n + 1
  local body = '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bench-' .. run .. '-' .. n
    .. '@bench.test","displayName":"Bench User ' .. n .. '","active":true,'
    .. '"name":{"givenName":"Bench","familyName":"User ' .. n .. '"}}'
  return wrk.format("POST", "/api/v1/scim/Users", {
    ["Authorization"] = "Bearer bench-token",
    ["Accept"] = "application/scim+json",
    ["Content-Type"] = "application/scim+json"
  }, body)
end

