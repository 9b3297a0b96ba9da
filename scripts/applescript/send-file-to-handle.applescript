-- Sends one file to one recipient by phone number (E.164) or email address.
--   argv: {handle, path, service}   path: absolute POSIX path, staged under ~/Library/Messages/Attachments/…
-- Messages is sandboxed: a file outside its containers "sends" (exit 0) but the recipient sees
-- "Message failed to send" and chat.db records error 25 (claude-plugins-official #1113, imsg #110).
-- The agent stages every file under ~/Library/Messages/Attachments/<agent>/<uuid>/ first.
on run argv
	if (count of argv) is not 3 then error "send-file-to-handle expects 3 arguments (handle, path, service), got " & (count of argv) & "." number -1708
	set targetHandle to item 1 of argv
	set theFile to (POSIX file (item 2 of argv)) as alias
	set serviceName to item 3 of argv
	tell application "Messages"
		if serviceName is "SMS" then
			set targetService to 1st service whose service type = SMS
		else
			set targetService to 1st service whose service type = iMessage
		end if
		send theFile to buddy targetHandle of targetService
	end tell
	return "buddy"
end run
