-- Sends a text message to one recipient by phone number (E.164) or email address.
--   argv: {handle, text, service}   service: "iMessage" or "SMS"
-- Every input arrives as an argument: nothing here is built from input, so no value can become code.
-- The buddy-of-service form is the one imsg, mautrix and photon use on macOS 14-26; `chat id` would fail
-- with -1728 for a recipient never contacted before (photon applescript-builder.ts).
on run argv
	if (count of argv) is not 3 then error "send-text-to-handle expects 3 arguments (handle, text, service), got " & (count of argv) & "." number -1708
	set targetHandle to item 1 of argv
	set messageText to item 2 of argv
	set serviceName to item 3 of argv
	tell application "Messages"
		if serviceName is "SMS" then
			-- SMS needs Text Message Forwarding from an iPhone; without it this account does not exist (-1728).
			set targetService to 1st service whose service type = SMS
		else
			set targetService to 1st service whose service type = iMessage
		end if
		send messageText to buddy targetHandle of targetService
	end tell
	return "buddy"
end run
