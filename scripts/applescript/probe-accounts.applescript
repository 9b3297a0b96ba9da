-- Lists Messages' accounts, one per line: id TAB service type TAB enabled TAB connection status TAB description.
--   argv: {}
-- Properties as mautrix's debug scripts read them (imessage/mac/debug.go). Also proves Automation → Messages:
-- without it this fails with -1743 (denied) or -1744 (would need a prompt). It launches Messages when it is not
-- running (any `tell` does), so the agent asks probe-running first and runs this only against a running Messages.
on run argv
	if (count of argv) is not 0 then error "probe-accounts expects no arguments, got " & (count of argv) & "." number -1708
	set output to ""
	with timeout of 10 seconds
		tell application "Messages"
			repeat with acct in (every service)
				set output to output & (id of acct) & tab & (service type of acct as text) & tab & (enabled of acct as text) & tab & (connection status of acct as text) & tab & (description of acct) & linefeed
			end repeat
		end tell
	end timeout
	return output
end run
