-- Sends a text message to an existing chat, addressed by its exact chat.db GUID
-- (iMessage;-;…, iMessage;+;chat…, SMS;-;…, and on Tahoe any;-;… / any;+;…).
--   argv: {chatGuid, text, dmHandle, service, aeTimeout}
--     dmHandle: the other party's address for a 1:1 chat, "" for a group (enables the last fallback)
--     service:  "iMessage", "SMS" or "RCS" (the service whose account the fallbacks use; never "any", which is
--               not a service type and fails with -1700)
-- Fallbacks on -1728 (object not found), as mautrix send.go does: the GUID may be missing from Messages'
-- live `chats` collection although chat.db has it (imsg #244), so
--   1. `chat id` as given, if the live collection has it;
--   2. after 1 s, `chat id` of the service's account;
--   3. 1:1 only: the buddy of that service (creates/reuses the 1:1 chat).
-- The GUID is used exactly as chat.db stores it: re-synthesising the prefix breaks on Tahoe (photon PR #43).
-- Returns the path that was used. A successful return is not proof of delivery: on Tahoe `chat id` may
-- write an empty unjoined "ghost" row (imsg #90); the agent verifies every send in chat.db.
-- Apple events wait at most `aeTimeout` seconds (`with timeout`, below the agent's process limit), so a busy
-- Messages raises -1712 instead of the process being killed.
on run argv
	if (count of argv) is not 5 then error "send-text-to-chat expects 5 arguments (chatGuid, text, dmHandle, service, aeTimeout), got " & (count of argv) & "." number -1708
	set chatGuid to item 1 of argv
	set messageText to item 2 of argv
	set dmHandle to item 3 of argv
	set serviceName to item 4 of argv
	set aeTimeout to (item 5 of argv) as integer
	tell application "Messages"
		with timeout of aeTimeout seconds
			if exists chat id chatGuid then
				try
					send messageText to chat id chatGuid
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
				send messageText to chat id chatGuid of targetService
				return "service-chat"
			on error errText number errNum
				if errNum is not -1728 or dmHandle is "" then error errText number errNum
			end try
			send messageText to buddy dmHandle of targetService
			return "buddy"
		end timeout
	end tell
end run
