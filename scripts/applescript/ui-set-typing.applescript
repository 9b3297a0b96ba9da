-- Best-effort typing indicator through the compose field (no AppleScript verb exists).
--   argv: {deepLink, state}
--     deepLink: imessage://open?address=<handle> or ?groupid=<chat id>; for "start" with &body=%20
--     state: "start" or "stop"
-- Beeper: "a space is enough to send a typing indicator" and Return will not send a space-only message;
-- stop by emptying the compose field (select all, delete). Needs Accessibility and an unlocked session.
on run argv
	if (count of argv) is not 2 then error "ui-set-typing expects 2 arguments (deepLink, state), got " & (count of argv) & "." number -1708
	set deepLink to item 1 of argv
	set typingState to item 2 of argv
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
end run
