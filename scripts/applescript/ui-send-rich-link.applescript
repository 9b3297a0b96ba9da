-- Best-effort rich link: a URL sent with `send` arrives without a preview (BlueBubbles #244); typed into the
-- compose field and sent with Return, Messages builds the preview itself (Beeper's sendMessage path).
--   argv: {deepLink, aeTimeout}   aeTimeout: seconds any Apple event may wait (`with timeout`, -1712)
--     deepLink: imessage://open?address=<handle>|groupid=<chat id>&body=<the URL alone>
-- Needs Accessibility and an unlocked session. Messages fetches the preview before sending, hence the wait.
on run argv
	if (count of argv) is not 2 then error "ui-send-rich-link expects 2 arguments (deepLink, aeTimeout), got " & (count of argv) & "." number -1708
	set deepLink to item 1 of argv
	set aeTimeout to (item 2 of argv) as integer
	with timeout of aeTimeout seconds
		tell application "Messages" to activate
		open location deepLink
		delay 1.5
		tell application "System Events"
			tell process "Messages"
				key code 36
			end tell
		end tell
		return "ok"
	end timeout
end run
