-- Harmless Apple event that succeeds only when this process may automate Messages
-- (Beeper's ask-for-automation: read the accounts). -1743 = denied, -1744 = would need a prompt.
--   argv: {}
on run argv
	if (count of argv) is not 0 then error "probe-automation expects no arguments, got " & (count of argv) & "." number -1708
	with timeout of 10 seconds
		tell application "Messages" to set accountCount to count of services
	end timeout
	return "ok"
end run
