-- Best-effort typing indicator through the compose field (no AppleScript verb exists).
--   argv: {deepLink, state, aeTimeout}   aeTimeout: seconds any Apple event may wait (`with timeout`, -1712)
--     deepLink: imessage://open?address=<handle> or ?groupid=<chat id>; for "start" with &body=%20
--     state: "start" or "stop"
-- Beeper: "a space is enough to send a typing indicator" and Return will not send a space-only message;
-- stop by emptying the compose field (select all, delete). Needs Accessibility and an unlocked session.
on run argv
	if (count of argv) is not 3 then error "ui-set-typing expects 3 arguments (deepLink, state, aeTimeout), got " & (count of argv) & "." number -1708
	set deepLink to item 1 of argv
	set typingState to item 2 of argv
	set aeTimeout to (item 3 of argv) as integer
	with timeout of aeTimeout seconds
		if typingState is not "start" and typingState is not "stop" then error "ui-set-typing: state must be start or stop." number -1703
		tell application "Messages" to activate
		open location deepLink
		delay 1
		if typingState is "stop" then
			tell application "System Events"
				tell process "Messages"
					keystroke "a" using command down
					key code 51
				end tell
			end tell
		end if
		return "ok"
	end timeout
end run
