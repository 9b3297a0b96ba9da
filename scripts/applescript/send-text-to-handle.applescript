-- Sends a text message to one recipient by phone number (E.164) or email address.
--   argv: {handle, text, service, aeTimeout}   service: "iMessage", "SMS" or "RCS"
-- Every input arrives as an argument: nothing here is built from input, so no value can become code.
-- The buddy-of-service form is the one imsg, mautrix and photon use on macOS 14-26; `chat id` would fail
-- with -1728 for a recipient never contacted before (photon applescript-builder.ts).
-- Apple events wait at most `aeTimeout` seconds (`with timeout`, below the agent's process limit), so a busy
-- Messages raises -1712 instead of the process being killed.
on run argv
	if (count of argv) is not 4 then error "send-text-to-handle expects 4 arguments (handle, text, service, aeTimeout), got " & (count of argv) & "." number -1708
	set targetHandle to item 1 of argv
	set messageText to item 2 of argv
	set serviceName to item 3 of argv
	set aeTimeout to (item 4 of argv) as integer
	tell application "Messages"
		with timeout of aeTimeout seconds
			try
				if serviceName is "SMS" then
					set targetService to 1st service whose service type = SMS
				else if serviceName is "RCS" then
					set targetService to 1st service whose service type = RCS
				else
					set targetService to 1st service whose service type = iMessage
				end if
			on error
				-- No account of that service: -1719 "Invalid index" (for SMS: Text Message Forwarding is off;
				-- matrix-puppet-imessage #31), or -2753 where the RCS term is unknown. Nothing was sent.
				error "Messages has no " & serviceName & " account on this Mac; nothing was sent." number 9100
			end try
			send messageText to buddy targetHandle of targetService
		end timeout
	end tell
	return "buddy"
end run
