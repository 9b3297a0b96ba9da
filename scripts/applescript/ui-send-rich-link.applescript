-- Best-effort rich link: a URL sent with `send` arrives without a preview (BlueBubbles #244); typed into the
-- compose field and sent with Return, Messages builds the preview itself (Beeper's sendMessage path).
--   argv: {deepLink}
--     deepLink: imessage://open?address=<handle>|groupid=<chat id>&body=<the URL alone>
-- Needs Accessibility and an unlocked session. Messages fetches the preview before sending, hence the wait.
on run argv
	if (count of argv) is not 1 then error "ui-send-rich-link expects 1 argument (deepLink), got " & (count of argv) & "." number -1708
	set deepLink to item 1 of argv
	tell application "Messages" to activate
	open location deepLink
	delay 1.5
	tell application "System Events"
		tell process "Messages"
			key code 36
		end tell
	end tell
	return "ok"
end run
