-- wrk cross-check of GET /Users/{id} over the first 1,000 users of a fresh mock (ids 3074457345618258001-9000).
-- wrk -t1 -c64 -d20s -s src/test/wrk/get-user.lua http://127.0.0.1:PORT   (a 404 shows as "Non-2xx or 3xx responses")
local n = 0

function request()
  n = n + 1
  -- ids exceed Lua's exact integers: keep the common prefix as text
  return wrk.format("GET", "/api/v1/scim/Users/307445734561825" .. (8001 + n % 1000), {
    ["Authorization"] = "Bearer bench-token",
    ["Accept"] = "application/scim+json"
  })
end

