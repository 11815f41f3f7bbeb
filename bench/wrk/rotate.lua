-- wrk script: rotates over a request list written by the bench driver (one "GET<TAB>path<TAB>token"
-- per line), so each request carries another member's token, client and cursor. Every thread
-- starts at another line. Usage: wrk ... -s rotate.lua URL -- LIST_FILE
local lines = {}
local position = 0
local thread_counter = 0

function setup(thread)
   thread_counter = thread_counter + 1
   thread:set("thread_number", thread_counter)
end

function init(args)
   local file = assert(io.open(args[1], "r"))
   for line in file:lines() do
      local method, path, token = line:match("^(%S+)\t(%S+)\t(%S+)$")
      if path then
         lines[#lines + 1] = wrk.format(method, path, {
            ["Authorization"] = "Bearer " .. token,
            ["X-Forwarded-Proto"] = "https",
         })
      end
   end
   file:close()
   position = ((thread_number or 1) * 997) % #lines
end

function request()
   position = position % #lines + 1
   return lines[position]
end

-- No response() callback: with one, wrk hands every body to Lua and measures that work too.
-- wrk counts responses other than 2xx and 3xx in summary.errors.status.
function done(summary, latency, requests)
   io.write(string.format("wrk.requests=%d\nwrk.seconds=%.3f\nwrk.rps=%.1f\nwrk.errors=%d\n",
      summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
      summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
   for _, p in pairs({ 50, 99, 99.9 }) do
      io.write(string.format("wrk.p%s_ms=%.2f\n", tostring(p):gsub("%.", ""), latency:percentile(p) / 1000))
   end
end
