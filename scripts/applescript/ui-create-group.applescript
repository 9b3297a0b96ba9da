-- Best-effort new group chat: AppleScript lost `make new text chat` with Big Sur (AirMessage, BlueBubbles),
-- so open a compose window addressed to every participant with the first message prefilled, then Return.
--   argv: {deepLink, aeTimeout}   aeTimeout: seconds any Apple event may wait (`with timeout`, -1712)
--     deepLink: imessage://open?addresses=<a>,<b>,…&body=<text> (built and percent-encoded by the agent)
-- Beeper waits 3 s so Messages can resolve whether each address is on iMessage; a new group needs an
-- initial message (Beeper createThread). The agent learns the chat GUID from the new chat.db chat row.
on run argv
	if (count of argv) is not 2 then error "ui-create-group expects 2 arguments (deepLink, aeTimeout), got " & (count of argv) & "." number -1708
	set deepLink to item 1 of argv
	set aeTimeout to (item 2 of argv) as integer
	with timeout of aeTimeout seconds
		tell application "Messages" to activate
		open location deepLink
		delay 3
		tell application "System Events"
			tell process "Messages"
				key code 36
			end tell
		end tell
		return "ok"
	end timeout
end run
