-- Sends one file to one recipient by phone number (E.164) or email address.
--   argv: {handle, path, service, aeTimeout}   path: absolute POSIX path, staged under ~/Library/Messages/Attachments/…
-- Messages is sandboxed: a file outside its containers "sends" (exit 0) but the recipient sees
-- "Message failed to send" and chat.db records error 25 (claude-plugins-official #1113, imsg #110).
-- The agent stages every file under ~/Library/Messages/Attachments/<agent>/<uuid>/ first.
-- Apple events wait at most `aeTimeout` seconds (`with timeout`, below the agent's process limit), so a busy
-- Messages raises -1712 instead of the process being killed.
on run argv
	if (count of argv) is not 4 then error "send-file-to-handle expects 4 arguments (handle, path, service, aeTimeout), got " & (count of argv) & "." number -1708
	set targetHandle to item 1 of argv
	set theFile to (POSIX file (item 2 of argv)) as alias
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
			send theFile to buddy targetHandle of targetService
		end timeout
	end tell
	return "buddy"
end run
