-- Sends one file to an existing chat, addressed by its exact chat.db GUID.
--   argv: {chatGuid, path, dmHandle, service, aeTimeout}   (same meaning and fallbacks as send-text-to-chat)
-- The file must be staged under ~/Library/Messages/Attachments/… (Messages' sandbox, see send-file-to-handle).
-- Apple events wait at most `aeTimeout` seconds (`with timeout`, below the agent's process limit), so a busy
-- Messages raises -1712 instead of the process being killed.
on run argv
	if (count of argv) is not 5 then error "send-file-to-chat expects 5 arguments (chatGuid, path, dmHandle, service, aeTimeout), got " & (count of argv) & "." number -1708
	set chatGuid to item 1 of argv
	set theFile to (POSIX file (item 2 of argv)) as alias
	set dmHandle to item 3 of argv
	set serviceName to item 4 of argv
	set aeTimeout to (item 5 of argv) as integer
	tell application "Messages"
		with timeout of aeTimeout seconds
			if exists chat id chatGuid then
				try
					send theFile to chat id chatGuid
					return "chat"
				on error errText number errNum
					if errNum is not -1728 then error errText number errNum
				end try
			end if
			delay 1
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
			try
				send theFile to chat id chatGuid of targetService
				return "service-chat"
			on error errText number errNum
				if errNum is not -1728 or dmHandle is "" then error errText number errNum
			end try
			send theFile to buddy dmHandle of targetService
			return "buddy"
		end timeout
	end tell
end run
