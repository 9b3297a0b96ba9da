-- Sends one file to an existing chat, addressed by its exact chat.db GUID.
--   argv: {chatGuid, path, dmHandle, service}   (same meaning and fallbacks as send-text-to-chat)
-- The file must be staged under ~/Library/Messages/Attachments/… (Messages' sandbox, see send-file-to-handle).
on run argv
	if (count of argv) is not 4 then error "send-file-to-chat expects 4 arguments (chatGuid, path, dmHandle, service), got " & (count of argv) & "." number -1708
	set chatGuid to item 1 of argv
	set theFile to (POSIX file (item 2 of argv)) as alias
	set dmHandle to item 3 of argv
	set serviceName to item 4 of argv
	tell application "Messages"
		if exists chat id chatGuid then
			try
				send theFile to chat id chatGuid
				return "chat"
			on error errText number errNum
				if errNum is not -1728 then error errText number errNum
			end try
		end if
		delay 1
		if serviceName is "SMS" then
			set targetService to 1st service whose service type = SMS
		else
			set targetService to 1st service whose service type = iMessage
		end if
		try
			send theFile to chat id chatGuid of targetService
			return "service-chat"
		on error errText number errNum
			if errNum is not -1728 or dmHandle is "" then error errText number errNum
		end try
		send theFile to buddy dmHandle of targetService
		return "buddy"
	end tell
end run
