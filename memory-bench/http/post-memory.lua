-- wrk script: POST /memory/add with a different event each request
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
counter = 0
request = function()
  counter = counter + 1
  local body = '{"event":"bench event ' .. counter .. ' deployed service","tags":["bench","deploy"]}'
  return wrk.format(nil, "/memory/add", nil, body)
end
